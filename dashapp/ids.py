"""Component ids shared by layouts and callbacks (one place, so a rename cannot miss a side)."""

URL = "url"
SHELL = "shell"
SHELL_NEEDED = "shell-needed"
PAGE = "page"
