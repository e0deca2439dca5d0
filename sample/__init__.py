"""The sample operation: a seeded, realistic document set with ground truth and planted gaps."""
