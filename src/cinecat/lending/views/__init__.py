from .loans import borrower_detail, borrower_suggest, lend, on_loan, return_loan
from .shelves import arrived, bought, on_order, wish_list

__all__ = [
    "arrived",
    "borrower_detail",
    "borrower_suggest",
    "bought",
    "lend",
    "on_loan",
    "on_order",
    "return_loan",
    "wish_list",
]
