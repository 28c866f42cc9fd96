import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/** The gateway's certificate and key (PEM). */
export interface TlsFiles {
  cert: string;
  key: string;
}

/**
 * A self-signed certificate for 127.0.0.1/localhost in `dir`, generated with `openssl` on first use and reused after
 * (the data directory is git-ignored: a key is never committed). For a laptop and CI; production mounts real ones.
 */
export function ensureSelfSignedCertificate(dir: string): TlsFiles {
  const files = { cert: join(dir, "gateway.crt"), key: join(dir, "gateway.key") };
  if (existsSync(files.cert) && existsSync(files.key)) return files;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
      ...["-keyout", files.key, "-out", files.cert, "-days", "825", "-subj", "/CN=pregao-local-gateway"],
      ...["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  return files;
}
