"""Helpers of the quotes component that read the article's layout rather than its parse."""
