from .loans import borrower_detail, borrower_suggest, lend, on_loan, return_loan
from .shelves import arrived, bought, on_order, ordered, sold, wish_list

__all__ = [
    "arrived",
    "borrower_detail",
    "borrower_suggest",
    "bought",
    "lend",
    "on_loan",
    "on_order",
    "ordered",
    "return_loan",
    "sold",
    "wish_list",
]
