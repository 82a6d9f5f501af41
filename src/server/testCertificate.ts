import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * For tests: makes a self-signed certificate and its key in `dir` (`cert.pem`, `key.pem`), as a
 * person would with openssl, and returns their paths.
 */
export function makeSelfSignedCertificate(
  dir: string,
  commonName: string,
): { certFile: string; keyFile: string } {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      `/CN=${commonName}`,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}
