//! PKCS#12 (`.pfx` / `.p12`) client certificates, as Node's TLS takes them
//! from a `pfx` entry of Newman's `--ssl-client-cert-list`: the first
//! private key in the file with its certificate chain, opened with the
//! entry's `passphrase` (empty when there is none). `identity.rs` calls it.

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// The certificate chain (leaf first) and the private key of a PKCS#12
/// file, or what is wrong with it, said for a user.
pub(crate) fn decode(
    bytes: &[u8],
    passphrase: &str,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), String> {
    let store = p12_keystore::KeyStore::from_pkcs12(bytes, passphrase).map_err(|e| match e {
        p12_keystore::error::Error::MacError(_) => {
            "cannot be opened with the passphrase given (wrong passphrase?)".to_owned()
        }
        p12_keystore::error::Error::DerError(_) => "is not a PKCS#12 (.pfx/.p12) file".to_owned(),
        e => format!("cannot be read as PKCS#12: {e}"),
    })?;
    let Some((_, chain)) = store.private_key_chain() else {
        return Err("holds no private key with its certificate".to_owned());
    };
    let certs = chain
        .chain()
        .iter()
        .map(|c| CertificateDer::from(c.as_der().to_vec()))
        .collect();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(chain.key().to_vec()));
    Ok((certs, key))
}
