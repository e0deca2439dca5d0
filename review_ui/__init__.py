"""review_ui stage."""
