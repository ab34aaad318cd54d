"""Extract stage: triggers, arguments, claims, modality, casualties and loaded terms."""
