// An outside verifier of ctom's credentials, with nothing but the public API and npm's jose: the
// real `ctom serve` certifies a candidate; the credential's VC-JWT verifies against the issuer's
// JWKS with claims that mirror the credential, a tampered payload or a foreign key fails, and after
// `ctom keys rotate` a credential signed before still verifies while new ones use the new key.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  SignJWT, createLocalJWKSet, decodeProtectedHeader, errors, generateKeyPair, jwtVerify,
} from 'jose';
import { Server, cohortBody, seedCandidate, seedCertified, seedMentor } from '../browser/harness.mjs';

const run = promisify(execFile);
const skip = process.env.CTOM_BINARY ? false : 'CTOM_BINARY is not set (ctest sets it to the built ctom)';

// The JWKS as a verifier fetches it, and a key resolver over it.
async function issuerKeys(server) {
  const response = await fetch(`${server.url}/.well-known/jwks.json`);
  assert.equal(response.status, 200);
  const jwks = await response.json();
  return { jwks, resolve: createLocalJWKSet(jwks) };
}

async function fetchCredential(server, number) {
  const response = await fetch(`${server.url}/v1/certificates/${number}/credential`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/vc+jwt');
  return response.text();
}

const seconds = (rfc3339) => Date.parse(rfc3339) / 1000;

describe('an outside verifier of ctom credentials', { skip }, () => {
  let server;
  let number;
  before(async () => {
    server = await Server.start();
    // Certified last November: the credential's cycle has begun and not ended.
    const year = new Date().getUTCFullYear() - 1;
    await server.api('POST', '/v1/cohorts', cohortBody(year));
    const mentor = await seedMentor(server, 'Grace Hopper', 'grace@egusd.example');
    const ada = await seedCandidate(server, year, 'Ada Lovelace', 'ada@scusd.example');
    await seedCertified(server, year, ada, mentor);
    number = (await server.api('GET', `/v1/candidates/${ada}`)).certification.certificate;
  });
  after(async () => {
    await server?.stop();
  });

  test("the VC-JWT verifies against the JWKS and its claims mirror the credential", async () => {
    const token = await fetchCredential(server, number);
    const { resolve } = await issuerKeys(server);
    const { payload, protectedHeader } = await jwtVerify(token, resolve, { algorithms: ['RS256'] });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(payload.iss, payload.issuer.id);
    assert.equal(payload.jti, payload.id);
    assert.equal(payload.sub, payload.credentialSubject.id);
    assert.equal(payload.nbf, seconds(payload.validFrom));
    assert.equal(payload.exp, seconds(payload.validUntil));
    assert.equal(payload.id, `${server.url}/v1/certificates/${number}/credentials/1`);
    assert.equal(payload.credentialSubject.licenseNumber, number);
    assert.doesNotMatch(JSON.stringify(payload), /ada@scusd\.example/);
    // The unsigned credential is the payload without the JWT's own claims.
    const response = await fetch(`${server.url}/v1/certificates/${number}/credential`, {
      headers: { Accept: 'application/json' },
    });
    assert.match(response.headers.get('content-type'), /^application\/json/);
    const unsigned = await response.json();
    const { iss, jti, sub, nbf, exp, ...credential } = payload;
    assert.deepEqual(unsigned, credential);
  });

  test('a tampered payload fails', async () => {
    const token = await fetchCredential(server, number);
    const [header, body, signature] = token.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    payload.credentialSubject.licenseNumber = 'CCTO-2099-9999';
    const tampered = [header, Buffer.from(JSON.stringify(payload)).toString('base64url'), signature].join('.');
    const { resolve } = await issuerKeys(server);
    await assert.rejects(jwtVerify(tampered, resolve), errors.JWSSignatureVerificationFailed);
  });

  test("a credential signed by a key that is not the issuer's fails", async () => {
    const token = await fetchCredential(server, number);
    const { payload } = await jwtVerify(token, (await issuerKeys(server)).resolve);
    const { kid } = decodeProtectedHeader(token);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey);
    await assert.rejects(jwtVerify(forged, (await issuerKeys(server)).resolve), errors.JWSSignatureVerificationFailed);
  });

  test('after ctom keys rotate an old credential still verifies and a new one uses the new key', async () => {
    const before = await fetchCredential(server, number);
    const oldKid = decodeProtectedHeader(before).kid;
    await server.stop({ keepData: true });
    const rotated = await run(process.env.CTOM_BINARY, ['keys', 'rotate', '--data', server.dataDir]);
    assert.match(rotated.stdout, /the JWKS lists 2 keys/);
    server = await Server.start({ dataDir: server.dataDir });
    const { jwks, resolve } = await issuerKeys(server);
    assert.equal(jwks.keys.length, 2);
    await jwtVerify(before, resolve, { algorithms: ['RS256'] });
    const now = await fetchCredential(server, number);
    const newKid = decodeProtectedHeader(now).kid;
    assert.notEqual(newKid, oldKid);
    assert.equal(jwks.keys[0].kid, newKid, 'the current key comes first');
    const { payload } = await jwtVerify(now, resolve, { algorithms: ['RS256'] });
    assert.equal(payload.credentialSubject.licenseNumber, number);
    const { payload: earlier } = await jwtVerify(before, resolve);
    assert.equal(payload.sub, earlier.sub, 'the subject id stays the same');
    assert.deepEqual(payload.credentialSubject.identifier, earlier.credentialSubject.identifier);
  });
});
