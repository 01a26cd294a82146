//! Response snapshots: redaction, storage, diff, update.
