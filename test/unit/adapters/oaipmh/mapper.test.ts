import { describe, expect, it } from 'vitest';
import { readEnvelope } from '../../../../adapters/oaipmh/envelope.js';
import { toBcp47 } from '../../../../adapters/oaipmh/language.js';
import { licenceOf } from '../../../../adapters/oaipmh/licence.js';
import { durationMinutes, mapRecord, type OerCourseRecord } from '../../../../adapters/oaipmh/mapper.js';
import { readIdentify, readListRecords } from '../../../../adapters/oaipmh/responses.js';
import { sdgOfSubject } from '../../../../adapters/oaipmh/sdg.js';
import { CourseFormat, CourseVisibility } from '../../../../schema/model/enums.js';
import { fixtureText, listRecordsFixture } from './fixtures.js';

const course = (record: Parameters<typeof mapRecord>[0]): OerCourseRecord => {
  const mapped = mapRecord(record);
  if (!('course' in mapped)) throw new Error(`expected a course, got: ${mapped.skipped}`);
  return mapped.course;
};

describe('OAI-PMH mapper: oai_dc records (fixtures)', () => {
  const first = listRecordsFixture('ListRecords.oai_dc.firstPage', 'oai_dc');
  const last = listRecordsFixture('ListRecords.oai_dc.lastPage', 'oai_dc');

  it('reads a page: records, the deleted header, and the resumption token with all its attributes', () => {
    expect(first.itemCount).toBe(3);
    expect(first.records.map((r) => [r.identifier, r.deleted])).toEqual([
      ['oai:oer.example.org:123456789/42', false],
      ['oai:oer.example.org:123456789/57', false],
      ['oai:oer.example.org:123456789/13', true],
    ]);
    expect(first.records[2]?.metadata).toBeNull();
    expect(first.resumptionToken).toEqual({
      value: 'oai_dc////100',
      expirationDate: '2026-03-02T11:16:00Z',
      completeListSize: 5,
      cursor: 0,
    });
    expect(last.resumptionToken).toEqual({ value: '', expirationDate: null, completeListSize: 5, cursor: 3 });
  });

  it('maps an English record: ISO 639-2 language, SDG IRIs (a target counts for its goal), IGO licence', () => {
    const mapped = course(first.records[0]!);
    expect(mapped).toMatchObject({
      localId: 'oai:oer.example.org:123456789/42',
      sourceId: 'oai:oer.example.org:123456789/42',
      title: 'Climate Change: From Learning to Action',
      summary: 'An introductory course on climate science, adaptation & mitigation, and what learners can do.',
      language: 'en',
      sdgs: [4, 13],
      topics: ['Climate change'],
      url: 'https://oer.example.org/handle/123456789/42',
      licence: 'https://creativecommons.org/licenses/by-nc-sa/3.0/igo/',
      format: CourseFormat.SELF_PACED,
      visibility: CourseVisibility.PUBLIC,
      durationMinutes: null,
    });
    expect(mapped.updatedAt?.toISOString()).toBe('2026-01-14T09:30:12.000Z');
  });

  it('picks the title in the record language, decodes character references and CDATA, reads licence words', () => {
    const mapped = course(first.records[1]!);
    expect(mapped.title).toBe('Une éducation de qualité pour tous');
    expect(mapped.language).toBe('fr');
    expect(mapped.summary).toBe('Un module pour les enseignants : <b>inclusion</b>, équité et qualité.');
    expect(mapped.sdgs).toEqual([4]);
    expect(mapped.topics).toEqual(['Éducation inclusive']);
    expect(mapped.url).toBe('https://oer.example.org/handle/123456789/57');
    expect(mapped.licence).toBe('https://creativecommons.org/licenses/by-sa/4.0/');
    expect(mapped.format).toBe(CourseFormat.OTHER);
  });

  it('maps Chinese and Arabic records: locale-style and named languages, localised SDG subjects', () => {
    const zh = course(last.records[0]!);
    expect([zh.language, zh.sdgs, zh.licence]).toEqual([
      'zh-CN',
      [4, 17],
      'https://creativecommons.org/licenses/by/4.0/',
    ]);
    const ar = course(last.records[1]!);
    expect([ar.language, ar.sdgs, ar.licence, ar.summary]).toEqual(['ar', [5], null, null]);
  });
});

describe('OAI-PMH mapper: IEEE LOM records (fixtures)', () => {
  const page = listRecordsFixture('ListRecords.lom.ok', 'lom');

  it('maps prefixed LOM: record language title, taxon id of an SDG classification, duration, licence words', () => {
    const mapped = course(page.records[0]!);
    expect(mapped).toMatchObject({
      title: 'Educación inclusiva y equitativa',
      language: 'es',
      summary: 'Un curso para docentes sobre educación inclusiva y de calidad.',
      sdgs: [4],
      url: 'https://oer.example.org/cursos/educacion-inclusiva',
      durationMinutes: 90,
      licence: 'https://creativecommons.org/licenses/by-nc/4.0/',
      format: CourseFormat.OTHER,
    });
    expect(mapped.topics).toEqual(['educación inclusiva', 'Quality education']);
  });

  it('maps default-namespace LOM: SDG IRI taxon, day durations, a public-domain deed', () => {
    const mapped = course(page.records[1]!);
    expect([mapped.language, mapped.sdgs, mapped.durationMinutes, mapped.format, mapped.licence]).toEqual([
      'ru',
      [7],
      1560,
      CourseFormat.VIDEO,
      'https://creativecommons.org/publicdomain/zero/1.0/',
    ]);
  });
});

describe('OAI-PMH mapper: records that cannot be courses are skipped with a reason', () => {
  it('skips metadata in a schema other than the one asked for, and a record without a title', () => {
    const page = listRecordsFixture('ListRecords.unknownFormat', 'oai_dc');
    expect(page.itemCount).toBe(3);
    expect(page.skipped).toEqual([
      {
        identifier: 'oai:oer.example.org:mods/1',
        reason: 'metadata in an unknown format (http://www.loc.gov/mods/v3 mods)',
      },
    ]);
    const [good, untitled] = page.records;
    expect(course(good!).sdgs).toEqual([6]);
    expect(mapRecord(untitled!)).toEqual({ skipped: 'record has no title' });
  });

  it('skips a record over the size cap, keeping the rest of the page', () => {
    const huge = fixtureText('ListRecords.oai_dc.firstPage').replace(
      'An introductory course on climate science',
      'An introductory course on climate science '.repeat(2_000),
    );
    const envelope = readEnvelope(huge, 'ListRecords');
    if (envelope.kind !== 'ok') throw new Error('expected a page');
    const page = readListRecords(envelope.body, envelope.responseDate, 'oai_dc', { maxRecordChars: 10_000 });
    expect(page.skipped).toEqual([
      { identifier: 'oai:oer.example.org:123456789/42', reason: 'record is larger than 10000 characters' },
    ]);
    expect(page.records.map((r) => r.identifier)).toEqual([
      'oai:oer.example.org:123456789/57',
      'oai:oer.example.org:123456789/13',
    ]);
  });

  it('skips identifiers too long for a global id', () => {
    const [record] = listRecordsFixture('ListRecords.oai_dc.firstPage', 'oai_dc').records;
    expect(mapRecord({ ...record!, identifier: `oai:x:${'9'.repeat(200)}` })).toEqual({
      skipped: 'identifier is longer than 200 characters',
    });
  });
});

describe('OAI-PMH Identify', () => {
  it('reads granularity and the deleted-record policy', () => {
    for (const [name, granularity, deletedRecord] of [
      ['Identify.ok', 'YYYY-MM-DDThh:mm:ssZ', 'transient'],
      ['Identify.dayGranularity', 'YYYY-MM-DD', 'no'],
    ] as const) {
      const envelope = readEnvelope(fixtureText(name), 'Identify');
      if (envelope.kind !== 'ok') throw new Error('expected Identify');
      expect(readIdentify(envelope.body, envelope.responseDate)).toMatchObject({ granularity, deletedRecord });
    }
  });
});

describe('subject, language and licence vocabularies', () => {
  it.each([
    ['SDG 4', 4],
    ['sdg13', 13],
    ['SDG-17', 17],
    ['Goal 4: Quality education', 4],
    ['Sustainable Development Goal 16', 16],
    ['http://metadata.un.org/sdg/6', 6],
    ['https://metadata.un.org/sdg/3.8.1?lang=en', 3],
    ['ODD 5', 5],
    ['ODS 2', 2],
    ['ЦУР 7', 7],
    ['可持续发展目标13', 13],
    ['هدف التنمية المستدامة ١٠', 10],
    ['SDG 18', null],
    ['SDG 0', null],
    ['Quality education', null],
    ['Agenda 2030', null],
    ['goal 2030', null],
  ])('SDG of %j is %j', (subject, goal) => {
    expect(sdgOfSubject(subject)).toBe(goal);
  });

  it.each([
    ['en', 'en'],
    ['eng', 'en'],
    ['fre', 'fr'],
    ['spa', 'es'],
    ['en_US', 'en-US'],
    ['zh-hans', 'zh-Hans'],
    ['Русский', 'ru'],
    ['English', 'en'],
    ['und', null],
    ['english-ish', null],
    ['12', null],
    ['', null],
  ])('language %j is %j', (value, tag) => {
    expect(toBcp47(value)).toBe(tag);
  });

  it.each([
    ['https://creativecommons.org/licenses/by/4.0/', 'https://creativecommons.org/licenses/by/4.0/'],
    ['http://creativecommons.org/licenses/by-nd/4.0/deed.es', 'https://creativecommons.org/licenses/by-nd/4.0/'],
    [
      'https://creativecommons.org/licenses/by-sa/3.0/igo/legalcode',
      'https://creativecommons.org/licenses/by-sa/3.0/igo/',
    ],
    ['CC-BY-NC-ND 4.0', 'https://creativecommons.org/licenses/by-nc-nd/4.0/'],
    ['Creative Commons Attribution-ShareAlike 3.0 IGO', 'https://creativecommons.org/licenses/by-sa/3.0/igo/'],
    ['CC0', 'https://creativecommons.org/publicdomain/zero/1.0/'],
    ['See https://example.org/terms for terms of use', 'https://example.org/terms'],
    ['All rights reserved', null],
  ])('licence of %j is %j', (rights, licence) => {
    expect(licenceOf(rights)).toBe(licence);
  });

  it.each([
    ['PT1H30M', 90],
    ['PT45M', 45],
    ['P1D', 1440],
    ['PT90S', 2],
    ['PT', null],
    ['1 hour', null],
    [null, null],
  ])('duration %j is %j minutes', (value, minutes) => {
    expect(durationMinutes(value)).toBe(minutes);
  });
});
