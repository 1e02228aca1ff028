"""Mining candidate rules from real MT: what systems write that people do not."""
