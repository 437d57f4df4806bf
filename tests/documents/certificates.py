"""Signing certificates for tests: a self-signed certificate and key written as a PKCS#12 file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSWORD = "registry-secret"
HOLDER = "SIMC Registry Signing"


def write_pkcs12(path: Path, *, common_name: str | None = HOLDER, password: str = PASSWORD,
                 valid_from_days: int = -1, valid_until_days: int = 365,
                 with_key: bool = True) -> Path:
    """Write a PKCS#12 file holding a fresh self-signed document-signing certificate (and its
    key unless ``with_key`` is false) for ``common_name`` to ``path``; return ``path``."""
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Singapore International "
                                      "Mediation Centre"),
                  x509.NameAttribute(NameOID.COUNTRY_NAME, "SG")]
    if common_name:
        attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    name = x509.Name(attributes)
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now + timedelta(days=valid_from_days))
        .not_valid_after(now + timedelta(days=valid_until_days))
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"registry", key if with_key else None, certificate, None,
        serialization.BestAvailableEncryption(password.encode()),
    ))
    return path


def configure_signing(app, monkeypatch, path: Path, password: str = PASSWORD) -> None:
    """Make ``app`` sign generated documents with the PKCS#12 file at ``path``."""
    monkeypatch.setitem(app.config, "SIGNING_PKCS12", str(path))
    monkeypatch.setitem(app.config, "SIGNING_PASSWORD", password)
