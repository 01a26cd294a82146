//! Reporters: each consumes the run's events.
