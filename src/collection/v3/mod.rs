//! Postman v3 collections: directories of YAML files.
mod yaml;
