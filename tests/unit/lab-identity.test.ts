import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCard, fingerprint, parseCard } from '../../electron/core/lab/card.ts';
import { createIdentity, getPrivateIdentity, showIdentity } from '../../electron/core/lab/identity.ts';
import { listAudit } from '../../electron/core/audit/audit-log.ts';
import { sessionOf } from '../../electron/core/api/handlers.ts';
import { findCoder, setCoderRetired } from '../../electron/core/store/coders.ts';
import { closeStudy } from '../../electron/core/store/study-file.ts';
import { useApiHandlers, value } from '../helpers/api.ts';
import { ACTOR, makeStudy, PASSPHRASE } from '../helpers/study.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();

describe('a personal identity', () => {
  it('is one card line that reads back to the same code, name and keys', async () => {
    const study = makeStudy(tempDir());
    const id = await createIdentity(study.db, { code: 'L01', name: 'Lena Lead' }, ACTOR);
    expect(id.card).toMatch(/^3rs-id1\.[A-Za-z0-9_-]+$/);
    const card = parseCard(id.card);
    expect(card).toMatchObject({ code: 'L01', name: 'Lena Lead' });
    expect(card.recipient).toMatch(/^age1/);
    expect(encodeCard(card)).toBe(id.card);
    expect(showIdentity(study.db)).toEqual(id);
    closeStudy(study);
  });

  it('has a fingerprint of six groups of five digits that depends on the keys, not on the code or name', async () => {
    const study = makeStudy(tempDir());
    const id = await createIdentity(study.db, { code: 'C01', name: 'Ann' }, ACTOR);
    expect(id.fingerprint).toMatch(/^\d{5}( \d{5}){5}$/);
    const card = parseCard(id.card);
    expect(fingerprint({ ...card })).toBe(id.fingerprint);
    const renamed = encodeCard({ ...card, code: 'C09', name: 'Someone else' });
    expect(fingerprint(parseCard(renamed))).toBe(id.fingerprint);
    const other = makeStudy(tempDir());
    const second = await createIdentity(other.db, { code: 'C01', name: 'Ann' }, ACTOR);
    expect(second.fingerprint).not.toBe(id.fingerprint);
    closeStudy(study);
    closeStudy(other);
  });

  it('makes its person a coder of the study (lead by default) and refuses a second identity in the same file', async () => {
    const study = makeStudy(tempDir());
    await createIdentity(study.db, { code: 'L01', name: 'Lena Lead' }, ACTOR);
    expect(findCoder(study.db, 'L01')?.role).toBe('lead');
    await expect(createIdentity(study.db, { code: 'L02', name: 'Other' }, ACTOR)).rejects.toMatchObject({ code: 'DUPLICATE' });
    closeStudy(study);
  });

  it('keeps its private keys only inside the encrypted study, never in the audit log or in clear on disk', async () => {
    const study = makeStudy(tempDir());
    await createIdentity(study.db, { code: 'C02', name: 'Bodil Brekke' }, ACTOR);
    const secret = getPrivateIdentity(study.db).ageIdentity;
    expect(secret).toMatch(/^AGE-SECRET-KEY-1/);
    expect(JSON.stringify(listAudit(study.db))).not.toContain(secret);
    closeStudy(study);
    const bytes = readFileSync(study.path);
    expect(bytes.includes(Buffer.from('AGE-SECRET-KEY'))).toBe(false);
    expect(bytes.includes(Buffer.from('Bodil Brekke'))).toBe(false);
  });

  it('refuses a card that was cut short or altered', () => {
    expect(() => parseCard('hello')).toThrow(/not a 3RS identity card/);
    expect(() => parseCard('3rs-id1.eyJjb2RlIjoiTDAx')).toThrow(/not a 3RS identity card/);
  });
});

describe('the app', () => {
  const handlers = useApiHandlers();

  it('makes the creator’s identity when it creates a study, and hides retired coders from the coder list', async () => {
    const api = handlers();
    const path = join(tempDir(), 'new.3rs');
    value(await api['study.create']({ path, passphrase: PASSPHRASE, coder: { code: 'L01', name: 'Lena Leadington', role: 'lead' } }));
    const study = sessionOf(api)!.study();
    expect(showIdentity(study.db)).toMatchObject({ code: 'L01', name: 'Lena Leadington' });
    value(await api['coders.add']({ code: 'C01', name: 'Annika' }));
    setCoderRetired(study.db, 'C01', true, ACTOR);
    expect(value(await api['coders.list']({})).map((c) => c.code)).toEqual(['L01']);
  });
});
