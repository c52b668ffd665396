from .exports import export_selection, print_labels, print_pdf, print_selection
from .imports import import_detail, import_map, import_start, import_undo

__all__ = [
    "export_selection",
    "import_detail",
    "import_map",
    "import_start",
    "import_undo",
    "print_labels",
    "print_pdf",
    "print_selection",
]
