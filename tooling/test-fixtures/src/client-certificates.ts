// Two self-signed client certificates (EC P-256, CN=jwt-authorizer-client-a / -b), made once with
// openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 36500 -subj /CN=jwt-authorizer-client-a;
// their private keys were discarded. The thumbprints are what openssl computes, independently of Node:
// openssl x509 -outform der | openssl dgst -sha256 -binary | basenc --base64url (padding removed), the
// `x5t#S256` of RFC 8705 §3.1.

/** A client certificate as API Gateway passes it to an authorizer (`clientCertPem`), after mutual TLS. */
export const CLIENT_CERT_A = `-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUIhYDxO9b42fN91YsNRvVmZm33hkwCgYIKoZIzj0EAwIw
IjEgMB4GA1UEAwwXand0LWF1dGhvcml6ZXItY2xpZW50LWEwIBcNMjYxMjAxMjI0
ODE4WhgPMjEyNjExMDcyMjQ4MThaMCIxIDAeBgNVBAMMF2p3dC1hdXRob3JpemVy
LWNsaWVudC1hMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE3gdTWApCjPoSN39W
PtMcnMOPSUM6Wpv8qIdsmSYv5vSDU81pppZpV7bNGZUSKcaSMJxwr6NQ37yIaj5s
AhRSwqNTMFEwHQYDVR0OBBYEFEkOLIkDmRkq2a8sSeh8GI2poJJFMB8GA1UdIwQY
MBaAFEkOLIkDmRkq2a8sSeh8GI2poJJFMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZI
zj0EAwIDRwAwRAIgK9nwRvGbxOpcnWkoHFdvGvYyFhL1yMA+KSEpZiJwi4oCIEmF
DtklUbCdBtSH2pZCI6LRJXsfap3cf6zOfTDRf0b6
-----END CERTIFICATE-----`;

/** `x5t#S256` of {@link CLIENT_CERT_A}. */
export const CLIENT_CERT_A_THUMBPRINT = 'KYXaxBCUUV0E7Yh-t3lVRFGMZx9F-BcPmKkbtGczAkI';

/** Another client certificate: a token bound to {@link CLIENT_CERT_A} must not pass with it. */
export const CLIENT_CERT_B = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUBOFfTOKlsRTlVl4+7h5iZP/czkswCgYIKoZIzj0EAwIw
IjEgMB4GA1UEAwwXand0LWF1dGhvcml6ZXItY2xpZW50LWIwIBcNMjYxMjAxMjI0
ODE4WhgPMjEyNjExMDcyMjQ4MThaMCIxIDAeBgNVBAMMF2p3dC1hdXRob3JpemVy
LWNsaWVudC1iMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEDMBm/Hs0AhPXWfBA
g7FlXfidgIBIy8opCMZtUCsgm92HV5ZuciLzWt0PJepcAMYU+4nQR+6lmURjd+yD
MCRg1KNTMFEwHQYDVR0OBBYEFHW8qwEn6iJmMZRbiCMRHUTqHmMTMB8GA1UdIwQY
MBaAFHW8qwEn6iJmMZRbiCMRHUTqHmMTMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZI
zj0EAwIDSAAwRQIhAJiiiwVUWhKTL0RqtO3KW+2XHvRBjgsmZmehP5TzUcNuAiAh
VO1YhQMgtuPi67ZMhUXBUdcoivzj6/Q8xcBBsOHieA==
-----END CERTIFICATE-----`;

/** `x5t#S256` of {@link CLIENT_CERT_B}. */
export const CLIENT_CERT_B_THUMBPRINT = 'UpJ8ICvmJxZDwNLDGeIABwHSeTvXf71WKByejsQ41Dw';
