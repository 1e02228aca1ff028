"""Full screens of the review app: the article list, the review, the help."""
