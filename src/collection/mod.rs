//! The Postman Collection Format and its companion files.
//!
//! `model` is the serde model of collections (v2.0 and v2.1), environments
//! and globals; `load` reads them with errors that name the file and the
//! position; `data` reads iteration data (CSV in `csv_data`); `decode` turns file bytes into
//! text as Newman does (byte-order marks, UTF-16); `shapes` reads the looser
//! shapes postman-collection accepts (one object for a list, a script as
//! its source, a query string); `v1` converts Collection
//! v1 files to the v2.1 model as Newman's transformer does; `v3` reads
//! Postman v3 collection directories (YAML) into the same model. The runner
//! (`runner/`) walks the model; nothing here sends requests or resolves
//! variables.

mod csv_data;
mod data;
mod decode;
mod load;
mod model;
mod shapes;
mod v1;
pub mod v3;

pub use data::{DataRow, IterationData, load_iteration_data, parse_csv, parse_iteration_data};
pub(crate) use decode::decode as decode_bytes;
pub(crate) use load::parse_json as parse_json_file;
pub(crate) use load::parse_yaml_environment;
pub(crate) use load::read_text as read_text_of;
pub use load::{
    Document, LoadError, load_collection, load_environment, parse_collection, parse_environment,
    read_document,
};
pub use model::*;
