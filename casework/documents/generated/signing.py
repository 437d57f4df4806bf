"""PAdES signing of generated PDFs with the registry's certificate (pyHanko).

Signing is optional: with no ``SIGNING_PKCS12`` configured, documents are issued unsigned and the
interface says so. The signature is invisible and added as an incremental update, so the PDF/A-3b
identification and the embedded files of the rendered document are kept.
"""

from __future__ import annotations

import asyncio
import enum
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from flask import current_app
from flask_babel import lazy_gettext as _l
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import SignatureCoverageLevel, async_validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext

from casework.db import now_utc
from casework.documents.generated.errors import SigningCertificateUnusable

SIGNATURE_FIELD = "RegistrySignature"
SIGNED_BY_MAX_CHARS = 300
# A registry certificate may be issued for signatures (digitalSignature) or for content
# commitment (nonRepudiation); either serves a document signature.
SIGNER_KEY_USAGE = frozenset({"digital_signature", "non_repudiation"})


@dataclass(frozen=True)
class SigningCertificate:
    """The configured certificate, ready to sign with."""

    signer: signers.SimpleSigner
    holder: str
    certificate: x509.Certificate


def signing_configured() -> bool:
    """Whether a signing certificate is configured (it is not opened: see
    :func:`load_signing_certificate`)."""
    return bool(current_app.config.get("SIGNING_PKCS12"))


def load_signing_certificate() -> SigningCertificate | None:
    """Open the configured PKCS#12 file (``SIGNING_PKCS12`` with ``SIGNING_PASSWORD``); ``None``
    when none is configured.

    Raises :class:`SigningCertificateUnusable` when the file is missing or unreadable, the
    password does not open it, it holds no private key or certificate, or the certificate is
    outside its validity period.
    """
    if not signing_configured():
        return None
    path = Path(current_app.config["SIGNING_PKCS12"])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SigningCertificateUnusable(str(_l(
            "The signing certificate file (CASEWORK_SIGNING_PKCS12) cannot be read: %(reason)s.",
            reason=error.strerror or error,
        ))) from None
    password = (current_app.config.get("SIGNING_PASSWORD") or "").encode() or None
    try:
        key, certificate, _chain = pkcs12.load_key_and_certificates(data, password)
    except ValueError:
        raise SigningCertificateUnusable(str(_l(
            "The signing certificate file (CASEWORK_SIGNING_PKCS12) cannot be opened: the "
            "password (CASEWORK_SIGNING_PASSWORD) is wrong or the file is not a PKCS#12 file."
        ))) from None
    if key is None or certificate is None:
        raise SigningCertificateUnusable(str(_l(
            "The signing certificate file (CASEWORK_SIGNING_PKCS12) must hold both a "
            "certificate and its private key."
        )))
    _check_validity_period(certificate)
    signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=password)
    return SigningCertificate(signer=signer, holder=certificate_holder(certificate),
                              certificate=certificate)


def _check_validity_period(certificate: x509.Certificate) -> None:
    now = now_utc()
    if now < certificate.not_valid_before_utc:
        raise SigningCertificateUnusable(str(_l(
            "The signing certificate is not valid before %(date)s.",
            date=certificate.not_valid_before_utc.date().isoformat(),
        )))
    if now > certificate.not_valid_after_utc:
        raise SigningCertificateUnusable(str(_l(
            "The signing certificate expired on %(date)s.",
            date=certificate.not_valid_after_utc.date().isoformat(),
        )))


def certificate_holder(certificate: x509.Certificate) -> str:
    """The name a signature is shown under: the subject's common name, or the whole subject
    when it has none."""
    common_names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    name = str(common_names[0].value) if common_names else certificate.subject.rfc4514_string()
    return name[:SIGNED_BY_MAX_CHARS]


def sign_document(pdf: bytes) -> tuple[bytes, str | None]:
    """Sign ``pdf`` with the configured certificate (an invisible PAdES signature that keeps the
    PDF/A conformance) and return it with the certificate holder's name; without a configured
    certificate return ``pdf`` unchanged and ``None``.

    Raises :class:`SigningCertificateUnusable` when the configured certificate cannot be used.
    """
    certificate = load_signing_certificate()
    if certificate is None:
        return pdf, None
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    _align_producer(writer)
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
        signer_key_usage=set(SIGNER_KEY_USAGE),
    )
    try:
        signed = _run_to_completion(
            signers.async_sign_pdf(writer, metadata, signer=certificate.signer))
    except SigningError as error:
        raise SigningCertificateUnusable(str(_l(
            "The document could not be signed with the configured certificate: %(reason)s",
            reason=error,
        ))) from None
    return signed.getvalue(), certificate.holder


def _run_to_completion(coroutine):
    """Run one of pyHanko's coroutines on an event loop of its own thread, so signing works
    whether or not the calling thread already runs a loop (pyHanko's synchronous wrappers call
    ``asyncio.run``, which refuses inside a running loop)."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


def _align_producer(writer: IncrementalPdfFileWriter) -> None:
    """pyHanko names itself the XMP producer but appends its name to the Info dictionary's;
    PDF/A wants the two to agree, so the Info producer becomes pyHanko's name too."""
    try:
        info_reference = writer.trailer.raw_get("/Info")
    except KeyError:
        return
    info_reference.get_object()["/Producer"] = generic.TextStringObject(VENDOR)
    writer.mark_update(info_reference)


class SignatureOutcome(enum.StrEnum):
    """What validating the digital signature of a PDF found."""

    UNSIGNED = "unsigned"  # no signature in the file
    INTACT = "intact"  # unchanged since signed, whole file covered, made with our certificate
    INTACT_UNKNOWN_SIGNER = "intact_unknown_signer"  # intact, but not our current certificate
    NOT_INTACT = "not_intact"  # changed after signing, partly covered, or unreadable


@dataclass(frozen=True)
class SignatureCheck:
    """The outcome of validating a PDF's embedded signature, with the signer's name."""

    outcome: SignatureOutcome
    signer: str | None = None


def validate_signature(stream) -> SignatureCheck:
    """Validate the PAdES signature(s) embedded in the PDF read from ``stream`` with pyHanko,
    trusting only the configured signing certificate (no network access).

    Intact means every signature is cryptographically sound and covers the whole file. A
    missing or unusable configured certificate leaves nothing to trust, so an intact signature
    is then reported as made by an unknown signer.
    """
    try:
        configured = load_signing_certificate()
    except SigningCertificateUnusable:
        configured = None
    roots = [configured.signer.signing_cert] if configured else []
    try:
        signatures = PdfFileReader(stream).embedded_signatures
        if not signatures:
            return SignatureCheck(SignatureOutcome.UNSIGNED)
        statuses = [
            _run_to_completion(async_validate_pdf_signature(
                signature, ValidationContext(trust_roots=roots, allow_fetching=False),
                key_usage_settings=KeyUsageConstraints(key_usage=set(SIGNER_KEY_USAGE)),
            ))
            for signature in signatures
        ]
    except (PdfError, SignatureValidationError, ValueError):
        return SignatureCheck(SignatureOutcome.NOT_INTACT)
    signer = certificate_holder(x509.load_der_x509_certificate(statuses[0].signing_cert.dump()))
    if not all(status.intact and status.valid
               and status.coverage is SignatureCoverageLevel.ENTIRE_FILE for status in statuses):
        return SignatureCheck(SignatureOutcome.NOT_INTACT, signer)
    if not all(status.trusted for status in statuses):
        return SignatureCheck(SignatureOutcome.INTACT_UNKNOWN_SIGNER, signer)
    return SignatureCheck(SignatureOutcome.INTACT, signer)
