import { describe, expect, it } from 'vitest';
import { createDynamicVariables, DYNAMIC_VARIABLE_NAMES, isDynamicVariableName } from './dynamic.ts';
import { VariableResolver } from './variables.ts';

/** A small deterministic generator (mulberry32) so runs are repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0, 500);

// Postman's documented list (learning.postman.com, "dynamic variables").
const DOCUMENTED = `$guid $timestamp $isoTimestamp $randomUUID $randomAlphaNumeric $randomBoolean $randomInt $randomColor
$randomHexColor $randomAbbreviation $randomIP $randomIPV6 $randomMACAddress $randomPassword $randomLocale $randomUserAgent
$randomProtocol $randomSemver $randomFirstName $randomLastName $randomFullName $randomNamePrefix $randomNameSuffix
$randomJobArea $randomJobDescriptor $randomJobTitle $randomJobType $randomPhoneNumber $randomPhoneNumberExt $randomCity
$randomStreetName $randomStreetAddress $randomCountry $randomCountryCode $randomLatitude $randomLongitude
$randomAvatarImage $randomImageUrl $randomAbstractImage $randomAnimalsImage $randomBusinessImage $randomCatsImage
$randomCityImage $randomFoodImage $randomNightlifeImage $randomFashionImage $randomPeopleImage $randomNatureImage
$randomSportsImage $randomTransportImage $randomImageDataUri $randomBankAccount $randomBankAccountName
$randomCreditCardMask $randomBankAccountBic $randomBankAccountIban $randomTransactionType $randomCurrencyCode
$randomCurrencyName $randomCurrencySymbol $randomBitcoin $randomCompanyName $randomCompanySuffix $randomBs
$randomBsAdjective $randomBsBuzz $randomBsNoun $randomCatchPhrase $randomCatchPhraseAdjective
$randomCatchPhraseDescriptor $randomCatchPhraseNoun $randomDatabaseColumn $randomDatabaseType $randomDatabaseCollation
$randomDatabaseEngine $randomDateFuture $randomDatePast $randomDateRecent $randomWeekday $randomMonth $randomDomainName
$randomDomainSuffix $randomDomainWord $randomEmail $randomExampleEmail $randomUserName $randomUrl $randomFileName
$randomFileType $randomFileExt $randomCommonFileName $randomCommonFileType $randomCommonFileExt $randomFilePath
$randomDirectoryPath $randomMimeType $randomPrice $randomProduct $randomProductAdjective $randomProductMaterial
$randomProductName $randomDepartment $randomNoun $randomVerb $randomIngverb $randomAdjective $randomWord $randomWords
$randomPhrase $randomLoremWord $randomLoremWords $randomLoremSentence $randomLoremSentences $randomLoremParagraph
$randomLoremParagraphs $randomLoremText $randomLoremSlug $randomLoremLines`
  .split(/\s+/)
  .filter(Boolean);

describe('createDynamicVariables', () => {
  const dynamic = createDynamicVariables({ now: () => NOW, random: seeded(42) });

  it('covers every documented name', () => {
    expect(DOCUMENTED.length).toBeGreaterThanOrEqual(118);
    expect([...DYNAMIC_VARIABLE_NAMES].sort()).toEqual([...new Set(DOCUMENTED)].sort());
  });

  it.each(DOCUMENTED)('%s produces a non-empty value', (name) => {
    const value = dynamic(name);
    expect(typeof value).toBe('string');
    expect(value!.trim()).not.toBe('');
  });

  it('uses the injected clock', () => {
    expect(dynamic('$timestamp')).toBe(String(Math.floor(NOW / 1000)));
    expect(dynamic('$isoTimestamp')).toBe('2024-05-01T12:00:00.500Z');
    const past = Date.parse(dynamic('$randomDatePast')!);
    const future = Date.parse(dynamic('$randomDateFuture')!);
    expect(past).toBeLessThan(NOW);
    expect(future).toBeGreaterThan(NOW);
  });

  it('gives values of the documented shapes', () => {
    for (let i = 0; i < 20; i++) {
      expect(dynamic('$guid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const n = Number(dynamic('$randomInt'));
      expect(Number.isInteger(n) && n >= 0 && n <= 1000).toBe(true);
      expect(dynamic('$randomIP')).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/);
      expect(dynamic('$randomEmail')).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/i);
      expect(dynamic('$randomHexColor')).toMatch(/^#[0-9a-f]{6}$/);
      expect(dynamic('$randomPhoneNumber')).toMatch(/^[2-9]\d{2}-\d{3}-\d{4}$/);
      expect(dynamic('$randomBoolean')).toMatch(/^(true|false)$/);
      expect(dynamic('$randomAlphaNumeric')).toMatch(/^[a-z0-9]$/);
      expect(dynamic('$randomPassword')).toHaveLength(15);
      expect(dynamic('$randomLocale')).toMatch(/^[a-z]{2}$/);
      expect(Number(dynamic('$randomPrice'))).toBeLessThanOrEqual(1000);
      expect(dynamic('$randomCreditCardMask')).toMatch(/^\d{4}$/);
    }
  });

  it('is repeatable with the same random source and differs per call', () => {
    const a = createDynamicVariables({ now: () => NOW, random: seeded(7) });
    const b = createDynamicVariables({ now: () => NOW, random: seeded(7) });
    const names = ['$guid', '$randomFullName', '$randomCity', '$randomLoremSentence', '$randomInt'];
    expect(names.map(a)).toEqual(names.map(b));
    expect(a('$guid')).not.toBe(a('$guid'));
  });

  it('returns undefined for names it does not know', () => {
    expect(dynamic('$nope')).toBeUndefined();
    expect(dynamic('randomEmail')).toBeUndefined();
    expect(dynamic('toString')).toBeUndefined();
    expect(isDynamicVariableName('$randomEmail')).toBe(true);
    expect(isDynamicVariableName('constructor')).toBe(false);
  });

  it('plugs into VariableResolver', () => {
    const resolver = new VariableResolver([], createDynamicVariables({ now: () => NOW, random: seeded(1) }));
    expect(resolver.replaceIn('t={{$timestamp}} x={{$unknown}}')).toBe(`t=${Math.floor(NOW / 1000)} x={{$unknown}}`);
  });
});
