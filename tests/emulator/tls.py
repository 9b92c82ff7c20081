"""TLS for the emulator: a throw-away CA and a server certificate for 127.0.0.1 and localhost."""
import os
import ssl


def make_server_context(state_dir):
    """Create the CA and the server certificate, write the CA to <state_dir>/ca.pem, return an SSLContext."""
    import trustme  # only needed with --tls

    ca = trustme.CA(organization_name="clouddb emulator CA")
    cert = ca.issue_cert("127.0.0.1", "localhost", "::1")
    os.makedirs(state_dir, exist_ok=True)
    ca_path = os.path.join(state_dir, "ca.pem")
    ca.cert_pem.write_to_path(ca_path)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    return ctx, ca_path
