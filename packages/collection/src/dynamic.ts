/**
 * Postman's dynamic variables (`{{$guid}}`, `{{$randomEmail}}`, …), backed by
 * @faker-js/faker. The clock and the random source are injected, so a run
 * with a fixed seed produces the same values.
 */
import type { Faker } from '@faker-js/faker';
// The English-only entry point: the package root loads every locale (~40 MB, ~150 ms at start-up).
import { faker as englishFaker } from '@faker-js/faker/locale/en';

/** A private Faker over the English definitions, so randomness stays injected. */
const FakerClass = englishFaker.constructor as new (options: ConstructorParameters<typeof Faker>[0]) => Faker;
import type { DynamicVariableSource } from './variables.ts';

export interface DynamicVariableDeps {
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Uniform in [0, 1). */
  random: () => number;
}

type Generator = (f: Faker, deps: DynamicVariableDeps) => string | number | boolean | Date;

const COMPANY_SUFFIXES = ['Inc', 'and Sons', 'LLC', 'Group'];

const categoryImage =
  (category: string): Generator =>
  (f) =>
    `https://loremflickr.com/640/480/${category}?lock=${f.number.int({ min: 1, max: 99999 })}`;

const phone = (f: Faker): string =>
  `${f.number.int({ min: 2, max: 9 })}${f.string.numeric(2)}-${f.string.numeric(3)}-${f.string.numeric(4)}`;

/** Every name Postman documents, with how Postern makes its value. */
const GENERATORS: Record<string, Generator> = {
  // Common
  $guid: (f) => f.string.uuid(),
  $timestamp: (_, d) => Math.floor(d.now() / 1000),
  $isoTimestamp: (_, d) => new Date(d.now()).toISOString(),
  $randomUUID: (f) => f.string.uuid(),
  // Text, numbers and colors
  $randomAlphaNumeric: (f) => f.string.alphanumeric({ length: 1, casing: 'lower' }),
  $randomBoolean: (f) => f.datatype.boolean(),
  $randomInt: (_, d) => Math.floor(d.random() * 1001),
  $randomColor: (f) => f.color.human(),
  $randomHexColor: (f) => f.color.rgb({ prefix: '#', casing: 'lower' }),
  $randomAbbreviation: (f) => f.hacker.abbreviation(),
  // Internet and IP addresses
  $randomIP: (f) => f.internet.ipv4(),
  $randomIPV6: (f) => f.internet.ipv6(),
  $randomMACAddress: (f) => f.internet.mac(),
  $randomPassword: (f) => f.internet.password({ length: 15 }),
  $randomLocale: (f) => f.location.language().alpha2,
  $randomUserAgent: (f) => f.internet.userAgent(),
  $randomProtocol: (f) => f.internet.protocol(),
  $randomSemver: (f) => f.system.semver(),
  // Names
  $randomFirstName: (f) => f.person.firstName(),
  $randomLastName: (f) => f.person.lastName(),
  $randomFullName: (f) => f.person.fullName(),
  $randomNamePrefix: (f) => f.person.prefix(),
  $randomNameSuffix: (f) => f.person.suffix(),
  // Profession
  $randomJobArea: (f) => f.person.jobArea(),
  $randomJobDescriptor: (f) => f.person.jobDescriptor(),
  $randomJobTitle: (f) => f.person.jobTitle(),
  $randomJobType: (f) => f.person.jobType(),
  // Phone, address and location
  $randomPhoneNumber: (f) => phone(f),
  $randomPhoneNumberExt: (f) => `${f.number.int({ min: 1, max: 99 })}-${phone(f)}`,
  $randomCity: (f) => f.location.city(),
  $randomStreetName: (f) => f.location.street(),
  $randomStreetAddress: (f) => f.location.streetAddress(),
  $randomCountry: (f) => f.location.country(),
  $randomCountryCode: (f) => f.location.countryCode(),
  $randomLatitude: (f) => f.location.latitude(),
  $randomLongitude: (f) => f.location.longitude(),
  // Images
  $randomAvatarImage: (f) => f.image.avatar(),
  $randomImageUrl: (f) => f.image.url({ width: 640, height: 480 }),
  $randomAbstractImage: categoryImage('abstract'),
  $randomAnimalsImage: categoryImage('animals'),
  $randomBusinessImage: categoryImage('business'),
  $randomCatsImage: categoryImage('cats'),
  $randomCityImage: categoryImage('city'),
  $randomFoodImage: categoryImage('food'),
  $randomNightlifeImage: categoryImage('nightlife'),
  $randomFashionImage: categoryImage('fashion'),
  $randomPeopleImage: categoryImage('people'),
  $randomNatureImage: categoryImage('nature'),
  $randomSportsImage: categoryImage('sports'),
  $randomTransportImage: categoryImage('transport'),
  $randomImageDataUri: (f) => f.image.dataUri({ width: 640, height: 480 }),
  // Finance
  $randomBankAccount: (f) => f.finance.accountNumber(8),
  $randomBankAccountName: (f) => f.finance.accountName(),
  $randomCreditCardMask: (f) => f.string.numeric(4),
  $randomBankAccountBic: (f) => f.finance.bic(),
  $randomBankAccountIban: (f) => f.finance.iban(),
  $randomTransactionType: (f) => f.finance.transactionType(),
  $randomCurrencyCode: (f) => f.finance.currencyCode(),
  $randomCurrencyName: (f) => f.finance.currencyName(),
  $randomCurrencySymbol: (f) => f.finance.currencySymbol(),
  $randomBitcoin: (f) => f.finance.bitcoinAddress(),
  // Business
  $randomCompanyName: (f) => f.company.name(),
  $randomCompanySuffix: (f) => f.helpers.arrayElement(COMPANY_SUFFIXES),
  $randomBs: (f) => f.company.buzzPhrase(),
  $randomBsAdjective: (f) => f.company.buzzAdjective(),
  $randomBsBuzz: (f) => f.company.buzzVerb(),
  $randomBsNoun: (f) => f.company.buzzNoun(),
  // Catchphrases
  $randomCatchPhrase: (f) => f.company.catchPhrase(),
  $randomCatchPhraseAdjective: (f) => f.company.catchPhraseAdjective(),
  $randomCatchPhraseDescriptor: (f) => f.company.catchPhraseDescriptor(),
  $randomCatchPhraseNoun: (f) => f.company.catchPhraseNoun(),
  // Databases
  $randomDatabaseColumn: (f) => f.database.column(),
  $randomDatabaseType: (f) => f.database.type(),
  $randomDatabaseCollation: (f) => f.database.collation(),
  $randomDatabaseEngine: (f) => f.database.engine(),
  // Dates (Postman prints them with Date#toString)
  $randomDateFuture: (f) => f.date.future(),
  $randomDatePast: (f) => f.date.past(),
  $randomDateRecent: (f) => f.date.recent(),
  $randomWeekday: (f) => f.date.weekday(),
  $randomMonth: (f) => f.date.month(),
  // Domains, emails and usernames
  $randomDomainName: (f) => f.internet.domainName(),
  $randomDomainSuffix: (f) => f.internet.domainSuffix(),
  $randomDomainWord: (f) => f.internet.domainWord(),
  $randomEmail: (f) => f.internet.email(),
  $randomExampleEmail: (f) => f.internet.exampleEmail(),
  $randomUserName: (f) => f.internet.username(),
  $randomUrl: (f) => f.internet.url(),
  // Files and directories
  $randomFileName: (f) => f.system.fileName(),
  $randomFileType: (f) => f.system.fileType(),
  $randomFileExt: (f) => f.system.fileExt(),
  $randomCommonFileName: (f) => f.system.commonFileName(),
  $randomCommonFileType: (f) => f.system.commonFileType(),
  $randomCommonFileExt: (f) => f.system.commonFileExt(),
  $randomFilePath: (f) => f.system.filePath(),
  $randomDirectoryPath: (f) => f.system.directoryPath(),
  $randomMimeType: (f) => f.system.mimeType(),
  // Stores
  $randomPrice: (f) => f.commerce.price({ min: 0, max: 1000 }),
  $randomProduct: (f) => f.commerce.product(),
  $randomProductAdjective: (f) => f.commerce.productAdjective(),
  $randomProductMaterial: (f) => f.commerce.productMaterial(),
  $randomProductName: (f) => f.commerce.productName(),
  $randomDepartment: (f) => f.commerce.department(),
  // Grammar
  $randomNoun: (f) => f.hacker.noun(),
  $randomVerb: (f) => f.hacker.verb(),
  $randomIngverb: (f) => f.hacker.ingverb(),
  $randomAdjective: (f) => f.hacker.adjective(),
  $randomWord: (f) => f.word.sample(),
  $randomWords: (f) => f.word.words({ count: { min: 2, max: 5 } }),
  $randomPhrase: (f) => f.hacker.phrase(),
  // Lorem ipsum
  $randomLoremWord: (f) => f.lorem.word(),
  $randomLoremWords: (f) => f.lorem.words(),
  $randomLoremSentence: (f) => f.lorem.sentence(),
  $randomLoremSentences: (f) => f.lorem.sentences(),
  $randomLoremParagraph: (f) => f.lorem.paragraph(),
  $randomLoremParagraphs: (f) => f.lorem.paragraphs(),
  $randomLoremText: (f) => f.lorem.text(),
  $randomLoremSlug: (f) => f.lorem.slug(),
  $randomLoremLines: (f) => f.lorem.lines(),
};

/** The documented dynamic variable names, `$guid` first. */
export const DYNAMIC_VARIABLE_NAMES: readonly string[] = Object.freeze(Object.keys(GENERATORS));

export function isDynamicVariableName(name: string): boolean {
  return Object.hasOwn(GENERATORS, name);
}

/**
 * A resolver for `{{$name}}`: every call makes a fresh value (two `{{$guid}}`
 * in one request differ, as in Postman); unknown names give undefined.
 */
export function createDynamicVariables(deps: DynamicVariableDeps): DynamicVariableSource {
  let faker: Faker | undefined;
  const getFaker = (): Faker => {
    if (!faker) {
      faker = new FakerClass({ locale: englishFaker.rawDefinitions, randomizer: { next: deps.random, seed: () => undefined } });
      faker.setDefaultRefDate(() => new Date(deps.now()));
    }
    return faker;
  };
  return (name: string): string | undefined => {
    if (!Object.hasOwn(GENERATORS, name)) return undefined;
    const value = GENERATORS[name]!(getFaker(), deps);
    return value instanceof Date ? value.toString() : String(value);
  };
}
