"""Charts: matplotlib draws each one as a one-page vector PDF, later placed on its page
as a form XObject. Specs are plain data, so a chart can be cached by a hash of its spec."""
