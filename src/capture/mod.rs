//! Declarative captures (`--captures FILE`): JSONPath, header, regex and
//! status captures into variables.
