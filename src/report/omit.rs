//! What the Postman CLI's `--reporter-{json,html}-omit*` options leave out
//! of a file report: request bodies, response bodies, headers, or all of
//! them.
//!
//! An [`Omit`] rides on the reporter's [`super::Masker`] (leaving out is the
//! strongest form of hiding), so [`super::record::ExchangeRecord`] applies
//! it where it masks, and every file reporter honours it without knowing
//! it. Sizes stay: a report without bodies still says how large they were.

use serde_json::Value;

/// Parts of every exchange a file report leaves out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Omit {
    /// Request bodies (`-omitRequestBodies`); also the request bodies of
    /// the collection the JSON report repeats, as the Postman CLI does.
    pub request_bodies: bool,
    /// Response bodies (`-omitResponseBodies`).
    pub response_bodies: bool,
    /// Request and response headers (`-omitHeaders`).
    pub headers: bool,
}

impl Omit {
    /// `-omitAllHeadersAndBody`: everything.
    pub const ALL: Omit = Omit {
        request_bodies: true,
        response_bodies: true,
        headers: true,
    };

    /// Whether anything is left out.
    pub fn any(&self) -> bool {
        self.request_bodies || self.response_bodies || self.headers
    }

    /// The union of two sets of omissions.
    pub fn union(self, other: Omit) -> Omit {
        Omit {
            request_bodies: self.request_bodies || other.request_bodies,
            response_bodies: self.response_bodies || other.response_bodies,
            headers: self.headers || other.headers,
        }
    }

    /// Removes the request bodies of every item of a collection in
    /// Postman's JSON form, when request bodies are left out.
    pub fn collection(&self, collection: &mut Value) {
        if !self.request_bodies {
            return;
        }
        if let Some(request) = collection.get_mut("request").and_then(Value::as_object_mut) {
            request.remove("body");
        }
        if let Some(items) = collection.get_mut("item").and_then(Value::as_array_mut) {
            for item in items {
                self.collection(item);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn collection_request_bodies_go_in_every_folder() {
        let mut c = json!({"item": [
            {"name": "a", "request": {"method": "POST", "body": {"mode": "raw", "raw": "x"}}},
            {"name": "f", "item": [{"name": "b", "request": {"url": "u", "body": {"mode": "raw"}}}]}
        ]});
        Omit::default().collection(&mut c);
        assert!(c["item"][0]["request"].get("body").is_some());
        Omit::ALL.collection(&mut c);
        assert_eq!(c["item"][0]["request"], json!({"method": "POST"}));
        assert_eq!(c["item"][1]["item"][0]["request"], json!({"url": "u"}));
    }

    #[test]
    fn union_and_any() {
        let a = Omit {
            headers: true,
            ..Omit::default()
        };
        assert!(!Omit::default().any());
        assert!(a.any());
        assert_eq!(a.union(Omit::ALL), Omit::ALL);
    }
}
