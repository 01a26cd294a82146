//! Certificates for the stand-in's HTTPS listeners, made at start-up: a
//! certificate authority the clients are told to trust, and a server
//! certificate for `127.0.0.1` / `localhost` it signed.

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};

/// PEM texts of a fresh authority and of a server certificate it signed.
pub struct Certs {
    /// The authority's certificate, for the clients' trust store.
    pub ca_pem: String,
    /// The server certificate.
    pub server_pem: String,
    /// The server certificate's private key.
    pub server_key_pem: String,
}

/// Makes a CA and a server certificate for loopback signed by it.
pub fn make_certs() -> Result<Certs, rcgen::Error> {
    let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "postman-echo stand-in CA");
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_key = KeyPair::generate()?;
    let ca_cert = ca_params.self_signed(&ca_key)?;
    let issuer = Issuer::new(ca_params, ca_key);

    let mut params = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])?;
    params
        .distinguished_name
        .push(DnType::CommonName, "127.0.0.1");
    params.use_authority_key_identifier_extension = true;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let key = KeyPair::generate()?;
    let cert = params.signed_by(&key, &issuer)?;
    Ok(Certs {
        ca_pem: ca_cert.pem(),
        server_pem: cert.pem(),
        server_key_pem: key.serialize_pem(),
    })
}
