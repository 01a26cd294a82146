//! `--mock`: an in-process server answering from saved examples.
