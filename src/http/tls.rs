//! TLS for the run's HTTP client, with the system's root certificates read
//! only when a server's certificate must be checked.
//!
//! Reading the roots (rustls-platform-verifier reads the system store when
//! it is created) took about 19 million instructions, most of a short run's
//! work, whether or not the run spoke HTTPS at all. [`LazyPlatformVerifier`]
//! creates the platform verifier at the first certificate it checks; the
//! handshake's signature checks need only the crypto provider, as they do
//! inside the platform verifier. The configuration is otherwise the one
//! reqwest builds itself: the ring provider, TLS 1.2 and 1.3, SNI, and ALPN
//! `h2` then `http/1.1`. `--insecure` (`-k`) accepts any certificate, as
//! reqwest's `danger_accept_invalid_certs` does. `--ssl-extra-ca-certs`
//! adds roots to the system's (Node's `extraCA`), and a client certificate
//! (`identity.rs`) is offered when the server asks for one.

use std::sync::{Arc, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, Error, SignatureScheme};

use super::identity::ClientCertificate;

/// The client configuration: certificates checked against the system's
/// roots and `extra_roots`, or (`accept_invalid_certs`) not checked at
/// all; `identity` is the client certificate offered, if any; ALPN offers
/// `h2` unless `offer_h2` is false.
pub(crate) fn client_config(
    accept_invalid_certs: bool,
    extra_roots: &[CertificateDer<'static>],
    identity: Option<&ClientCertificate>,
    offer_h2: bool,
) -> Result<rustls::ClientConfig, Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier: Arc<dyn ServerCertVerifier> = if accept_invalid_certs {
        Arc::new(AcceptAnyCertificate {
            provider: provider.clone(),
        })
    } else {
        Arc::new(LazyPlatformVerifier {
            provider: provider.clone(),
            extra_roots: extra_roots.to_vec(),
            platform: OnceLock::new(),
        })
    };
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = match identity {
        // Not `with_client_auth_cert`: it parses the certificate with
        // webpki, which refuses X.509 v1 certificates (what `openssl x509
        // -req` makes without extensions) that Node sends without a fuss.
        Some(id) => {
            let key = provider.key_provider.load_private_key(id.key.clone_key())?;
            let certified = rustls::sign::CertifiedKey::new(id.chain.clone(), key);
            builder.with_client_cert_resolver(Arc::new(SendCertificate(Arc::new(certified))))
        }
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = if offer_h2 {
        vec![b"h2".to_vec(), b"http/1.1".to_vec()]
    } else {
        vec![b"http/1.1".to_vec()]
    };
    Ok(config)
}

/// Offers the one client certificate whenever a server asks for one.
#[derive(Debug)]
struct SendCertificate(Arc<rustls::sign::CertifiedKey>);

impl rustls::client::ResolvesClientCert for SendCertificate {
    fn resolve(
        &self,
        _root_hint_subjects: &[&[u8]],
        _sigschemes: &[SignatureScheme],
    ) -> Option<Arc<rustls::sign::CertifiedKey>> {
        Some(self.0.clone())
    }

    fn has_certs(&self) -> bool {
        true
    }
}

/// The platform verifier, created when the first certificate is checked.
#[derive(Debug)]
struct LazyPlatformVerifier {
    provider: Arc<CryptoProvider>,
    extra_roots: Vec<CertificateDer<'static>>,
    platform: OnceLock<Result<rustls_platform_verifier::Verifier, Error>>,
}

impl ServerCertVerifier for LazyPlatformVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        let platform = self.platform.get_or_init(|| {
            if self.extra_roots.is_empty() {
                rustls_platform_verifier::Verifier::new(self.provider.clone())
            } else {
                rustls_platform_verifier::Verifier::new_with_extra_roots(
                    self.extra_roots.clone(),
                    self.provider.clone(),
                )
            }
        });
        match platform {
            Ok(verifier) => verifier.verify_server_cert(
                end_entity,
                intermediates,
                server_name,
                ocsp_response,
                now,
            ),
            Err(e) => Err(e.clone()),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// `--insecure`: every certificate and signature is accepted.
#[derive(Debug)]
struct AcceptAnyCertificate {
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}
