// Tests arrive with the widgets.
