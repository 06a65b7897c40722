"""Component ids shared by layouts and callbacks (one place, so a rename cannot miss a side)."""

URL = "url"
SHELL = "shell"
SHELL_NEEDED = "shell-needed"
SHELL_REQUEST = "shell-request"
UNREAD_TICK = "unread-tick"  # the header's timer: new notifications show without a reload
PAGE = "page"
