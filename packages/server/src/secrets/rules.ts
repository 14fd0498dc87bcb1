/**
 * Postern's own secret rules, for what secretlint's recommended preset lacks or misses on API
 * collections. Each rule is a regular expression (the `s` group, or the whole match, is the
 * secret) plus an optional check; they run inside secretlint as ordinary scanner rules.
 */
import { charClasses, entropy, isPlaceholder } from './placeholders.ts';

export interface PatternRule {
  /** Short id; the finding's ruleId is `postern/<id>`. */
  id: string;
  message: string;
  pattern: RegExp;
  /** Specific rules win over generic ones when two report the same text. */
  generic?: boolean;
  /** Part of the secret that is fixed by the format, left out of the placeholder check. */
  prefix?: RegExp;
  check?(secret: string, match: RegExpExecArray, text: string): boolean;
}

const B = '(?<![A-Za-z0-9_])'; // start boundary that also works before `_`
const E = '(?![A-Za-z0-9_])';
const re = (source: string, flags = '') => new RegExp(source, `g${flags}`);

function base64UrlJson(part: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const randomEnough = (s: string, bits = 3) => entropy(s) >= bits && charClasses(s) >= 2;

// Keys whose values are credentials. `key` alone is too broad; `*_key` with a qualifier is not.
const SECRET_KEY_WORDS =
  '(?:api[_-]?key|apikey|(?:access|secret|private|auth|client|master|admin|app|application|license|signing|encryption|service|server|account|ingest|write|read|management|partner|merchant|sdk|consumer|webhook|subscription)[_-]?key|secret|token|passw(?:or)?d|passwd|pwd|passphrase|credentials?|auth[_-]?token|api[_-]?token|session[_-]?id|sid[_-]?token)';
// Keys that name something about a secret rather than the secret itself.
const NOT_A_SECRET_KEY =
  /(?:^|[_.-])(?:url|uri|urls|endpoint|type|name|id|ids|path|file|length|size|count|expiry|expires?|expires[_-]?in|expires[_-]?at|ttl|version|format|field|header|param|location|prefix|policy|hint|label|mode|method|required|enabled|regex|pattern|scope|scopes|placement|in|key[_-]?id|kid|hash|hashed|digest|reset|confirm|confirmation|strength|min|max|rotation|issued[_-]?at|provider|source|store|manager|ref|env)$/i;
const PASSWORD_KEY = /passw(?:or)?d|passwd|pwd|passphrase/i;

function keyBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && index - start < 60 && /[A-Za-z0-9_.-]/.test(text[start - 1]!)) start--;
  return text.slice(start, index);
}

// Names in source code and docs, next to a secret-named key: `password, totpCode?`, `secret, OTHER_KEY:`,
// `passwords: PasswordHasher`, `--ssl-client-passphrase`, `'X-Amz-Security-Token', 'X-Amz-Date'`.
// Random tokens are not shaped like this (each needs every capital in a fixed place).
const CODE_NAME =
  /^(?:[a-z]+(?:[A-Z][a-z]+)+|(?:[A-Z][a-z]+){2,}|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z][a-z0-9]*(?:-[A-Z][a-z0-9]*)+|--?[a-z][a-z0-9]*(?:-[a-z0-9]+)*)[?:$]?$/;

function genericValueLooksSecret(key: string, value: string): boolean {
  if (NOT_A_SECRET_KEY.test(key.replace(/([a-z0-9])([A-Z])/g, '$1_$2'))) return false;
  if (/:$/.test(value)) return false; // the next key (`secret, NEXT_KEY: …`), not a value
  if (CODE_NAME.test(value)) return false;
  if (/^[-+]?\d+(?:\.\d+)?$/.test(value)) return false; // numbers
  if (/^\d{4}-\d\d-\d\d/.test(value)) return false; // dates
  if (/:\/\//.test(value) || /^\.{0,2}\//.test(value)) return false; // URLs and paths (URL rules handle credentials in them)
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?$/.test(value) || /\(|\)/.test(value)) return false; // code references
  if (/^[a-z]+(?:[-_ /][a-z]+)*$/.test(value) && value.length < 24) return false; // plain words, `postern/jwt`
  if (/^(?:Bearer|Basic|Token)$/i.test(value)) return false;
  if (PASSWORD_KEY.test(key)) return value.length >= 8 && charClasses(value) >= 2 && entropy(value) >= 2.5;
  if (value.length < 16) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return true; // UUID-shaped API keys (Heroku, ...)
  return randomEnough(value, 3.2);
}

export const POSTERN_RULES: PatternRule[] = [
  // Postman and JWT-family tokens.
  { id: 'postman-api-key', message: 'Postman API key', pattern: re(`${B}PMAK-[0-9a-f]{24}-[0-9a-f]{34}${E}`) },
  {
    id: 'jwt',
    message: 'JSON Web Token',
    pattern: re(`${B}eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}`),
    check: (s) => {
      const header = base64UrlJson(s.split('.')[0]!);
      return !!header && typeof header.alg === 'string' && header.alg.toLowerCase() !== 'none';
    },
  },
  {
    id: 'private-key',
    message: 'Private key',
    // One character class, not `(?:\\[nr]|[\s\S])`: with two ways to match each escaped `\n`, a BEGIN
    // line without its END (code that builds keys, a truncated paste) backtracked exponentially.
    // The bound keeps a lone BEGIN from scanning the rest of a large file; PGP key blocks stay under it.
    pattern: re('-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----[\\s\\S]{40,20000}?-----END \\1-----'),
    check: (s) => /[A-Za-z0-9+/]{40}/.test(s.replace(/\\[nr]/g, '\n').replace(/\s/g, '')),
  },
  // Payments.
  { id: 'stripe-secret-key', message: 'Stripe secret key', pattern: re(`${B}(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,99}${E}`), check: (s) => randomEnough(s.slice(8)) },
  { id: 'stripe-webhook-secret', message: 'Stripe webhook signing secret', pattern: re(`${B}whsec_[A-Za-z0-9+/]{32,}${E}`) },
  { id: 'square-token', message: 'Square access token or secret', pattern: re(`${B}(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43})${E}`) },
  { id: 'braintree-token', message: 'Braintree access token', pattern: re(`access_token\\$production\\$[0-9a-z]{16}\\$[0-9a-f]{32}`) },
  { id: 'flutterwave-secret-key', message: 'Flutterwave secret key', pattern: re(`${B}FLWSECK(?:_TEST)?-[a-f0-9]{32}-X${E}`) },
  { id: 'shippo-token', message: 'Shippo API token', pattern: re(`${B}shippo_(?:live|test)_[a-f0-9]{40}${E}`) },
  // Messaging and e-mail.
  { id: 'twilio-api-key', message: 'Twilio API key', pattern: re(`${B}SK[0-9a-f]{32}${E}`), check: (s) => randomEnough(s.slice(2), 3) },
  { id: 'sendgrid-api-key', message: 'SendGrid API key', pattern: re(`${B}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${E}`) },
  { id: 'mailgun-api-key', message: 'Mailgun API key', pattern: re(`${B}(?:key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})${E}`) },
  { id: 'mailchimp-api-key', message: 'Mailchimp API key', pattern: re(`${B}[0-9a-f]{32}-us\\d{1,2}${E}`) },
  {
    id: 'slack-token',
    message: 'Slack token',
    pattern: re(`${B}(?:xox[abposre]-(?:\\d+-)+[A-Za-z0-9-]{10,}|xapp-\\d-[A-Z0-9]+-\\d+-[a-f0-9]{32,})${E}`),
  },
  { id: 'slack-webhook', message: 'Slack incoming webhook URL', pattern: re(`https://hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]+/[A-Z0-9]+/[A-Za-z0-9]{20,}`) },
  { id: 'discord-bot-token', message: 'Discord bot token', pattern: re(`${B}[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}${E}`), check: (s) => /^[MNO][A-Za-z0-9]/.test(s) && /^\d{17,20}$/.test(Buffer.from(s.split('.')[0]!, 'base64').toString('latin1')) },
  { id: 'discord-webhook', message: 'Discord webhook URL', pattern: re(`https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68}`) },
  { id: 'telegram-bot-token', message: 'Telegram bot token', pattern: re(`${B}\\d{8,10}:AA[A-Za-z0-9_-]{33}${E}`) },
  { id: 'microsoft-teams-webhook', message: 'Microsoft Teams webhook URL', pattern: re(`https://[a-z0-9-]+\\.webhook\\.office\\.com/webhookb2/[a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}`) },
  // Source hosting and package registries.
  { id: 'github-token', message: 'GitHub token', pattern: re(`${B}(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${E}`), prefix: /^(?:gh[pousr]_|github_pat_)/ },
  { id: 'gitlab-token', message: 'GitLab token', pattern: re(`${B}(?:glpat-[A-Za-z0-9_-]{20}|glptt-[0-9a-f]{40}|glrt-[A-Za-z0-9_-]{20}|gldt-[A-Za-z0-9_-]{20}|glsoat-[A-Za-z0-9_-]{20}|glcbt-[A-Za-z0-9_-]{20}|GR1348941[A-Za-z0-9_-]{20})${E}`) },
  { id: 'npm-token', message: 'npm access token', pattern: re(`${B}npm_[A-Za-z0-9]{36}${E}`) },
  { id: 'pypi-token', message: 'PyPI upload token', pattern: re(`${B}pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`) },
  { id: 'rubygems-key', message: 'RubyGems API key', pattern: re(`${B}rubygems_[a-f0-9]{48}${E}`) },
  { id: 'docker-hub-token', message: 'Docker Hub access token', pattern: re(`${B}dckr_pat_[A-Za-z0-9_-]{27}${E}`) },
  { id: 'atlassian-token', message: 'Atlassian API token', pattern: re(`${B}ATATT3[A-Za-z0-9_=-]{180,}`) },
  // Cloud providers.
  { id: 'aws-access-key-id', message: 'AWS access key ID', pattern: re(`${B}(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}${E}`) },
  {
    id: 'aws-secret-access-key',
    message: 'AWS secret access key',
    pattern: re(`(?<![A-Za-z0-9/+=])(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`),
    check: (s, m, text) => {
      if (!(randomEnough(s, 4) && /[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s))) return false;
      const near = text.slice(Math.max(0, m.index - 300), m.index + 340);
      return /(?:AKIA|ASIA)[A-Z2-7]{16}/.test(near) || /aws|secret[_-]?access/i.test(text.slice(Math.max(0, m.index - 80), m.index));
    },
  },
  { id: 'google-api-key', message: 'Google API key', pattern: re(`${B}AIza[0-9A-Za-z_-]{35}${E}`) },
  { id: 'google-oauth-client-secret', message: 'Google OAuth client secret', pattern: re(`${B}GOCSPX-[A-Za-z0-9_-]{28}${E}`) },
  { id: 'google-oauth-access-token', message: 'Google OAuth access token', pattern: re(`${B}ya29\\.[0-9A-Za-z_-]{30,}`) },
  { id: 'firebase-fcm-server-key', message: 'Firebase Cloud Messaging server key', pattern: re(`${B}AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{100,}`) },
  { id: 'azure-storage-key', message: 'Azure storage account key', pattern: re(`AccountKey=(?<s>[A-Za-z0-9+/]{86}==)`) },
  { id: 'azure-ad-client-secret', message: 'Azure AD client secret', pattern: re(`${B}[A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}${E}`) },
  { id: 'azure-sas-token', message: 'Azure shared access signature', pattern: re(`[?&]sv=\\d{4}-\\d\\d-\\d\\d[^\\s"'#]*?[?&]sig=(?<s>[A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})`) },
  { id: 'digitalocean-token', message: 'DigitalOcean token', pattern: re(`${B}do[por]_v1_[a-f0-9]{64}${E}`) },
  { id: 'heroku-api-key', message: 'Heroku API key', pattern: re(`${B}HRKU-[A-Za-z0-9_-]{58,}`) },
  { id: 'cloudflare-origin-ca-key', message: 'Cloudflare Origin CA key', pattern: re(`${B}v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}${E}`) },
  { id: 'alibaba-access-key-id', message: 'Alibaba Cloud AccessKey ID', pattern: re(`${B}LTAI[A-Za-z0-9]{20}${E}`) },
  { id: 'ibm-cloud-api-key', message: 'IBM Cloud API key', pattern: re(`(?:ibm|IBM)[\\w-]*api[_-]?key\\W{1,5}(?<s>[A-Za-z0-9_-]{44})${E}`) },
  // Infrastructure and platforms.
  { id: 'hashicorp-vault-token', message: 'HashiCorp Vault token', pattern: re(`${B}(?:hvs\\.[A-Za-z0-9_-]{90,}|hvb\\.[A-Za-z0-9_-]{130,})`) },
  { id: 'terraform-cloud-token', message: 'Terraform Cloud token', pattern: re(`${B}[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}${E}`) },
  { id: 'pulumi-token', message: 'Pulumi access token', pattern: re(`${B}pul-[a-f0-9]{40}${E}`) },
  { id: 'doppler-token', message: 'Doppler token', pattern: re(`${B}dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}${E}`) },
  { id: 'grafana-token', message: 'Grafana token', pattern: re(`${B}(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2})`) },
  { id: 'sentry-token', message: 'Sentry auth token', pattern: re(`${B}(?:sntrys_eyJ[A-Za-z0-9+/=_-]{60,}|sntryu_[a-f0-9]{64})`) },
  { id: 'new-relic-key', message: 'New Relic API key', pattern: re(`${B}NRAK-[A-Z0-9]{27}${E}`) },
  { id: 'dynatrace-token', message: 'Dynatrace API token', pattern: re(`${B}dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}${E}`) },
  { id: 'okta-api-token', message: 'Okta API token', pattern: re(`SSWS\\s+(?<s>00[A-Za-z0-9_-]{40})${E}`) },
  { id: 'planetscale-token', message: 'PlanetScale token or password', pattern: re(`${B}pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}${E}`) },
  { id: 'supabase-token', message: 'Supabase access token', pattern: re(`${B}sbp_[a-f0-9]{40}${E}`) },
  { id: 'netlify-token', message: 'Netlify access token', pattern: re(`${B}nfp_[A-Za-z0-9]{36}${E}`) },
  { id: 'fly-token', message: 'Fly.io token', pattern: re(`FlyV1 fm\\d_[A-Za-z0-9+/=_-]{40,}`) },
  { id: 'databricks-token', message: 'Databricks token', pattern: re(`${B}dapi[a-f0-9]{32}(?:-\\d)?${E}`) },
  { id: 'age-secret-key', message: 'age secret key', pattern: re(`AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`) },
  { id: 'onepassword-token', message: '1Password service account token', pattern: re(`${B}ops_eyJ[A-Za-z0-9+/=_-]{100,}`) },
  // SaaS APIs.
  { id: 'openai-api-key', message: 'OpenAI API key', pattern: re(`${B}sk-(?!ant-)(?:(?:proj|svcacct|admin)-)?(?:[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}|[A-Za-z0-9_-]{80,})${E}`) },
  { id: 'anthropic-api-key', message: 'Anthropic API key', pattern: re(`${B}sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA${E}`) },
  { id: 'huggingface-token', message: 'Hugging Face token', pattern: re(`${B}hf_[A-Za-z0-9]{34,}${E}`), check: (s) => randomEnough(s.slice(3)) },
  { id: 'groq-api-key', message: 'Groq API key', pattern: re(`${B}gsk_[A-Za-z0-9]{52}${E}`) },
  { id: 'replicate-token', message: 'Replicate API token', pattern: re(`${B}r8_[A-Za-z0-9]{37}${E}`) },
  { id: 'shopify-token', message: 'Shopify token', pattern: re(`${B}shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}${E}`) },
  { id: 'linear-api-key', message: 'Linear API key', pattern: re(`${B}lin_api_[A-Za-z0-9]{40}${E}`) },
  { id: 'notion-token', message: 'Notion integration token', pattern: re(`${B}(?:secret_[A-Za-z0-9]{43}|ntn_\\d{11}[A-Za-z0-9]{35})${E}`) },
  { id: 'airtable-token', message: 'Airtable personal access token', pattern: re(`${B}pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}${E}`) },
  { id: 'hubspot-token', message: 'HubSpot private app token', pattern: re(`${B}pat-(?:na|eu)\\d-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}${E}`) },
  { id: 'contentful-token', message: 'Contentful management token', pattern: re(`${B}CFPAT-[A-Za-z0-9_-]{43}${E}`) },
  { id: 'readme-api-key', message: 'ReadMe API key', pattern: re(`${B}rdme_[a-z0-9]{70}${E}`) },
  { id: 'figma-token', message: 'Figma access token', pattern: re(`${B}figd_[A-Za-z0-9_-]{40}${E}`) },
  { id: 'adafruit-key', message: 'Adafruit IO key', pattern: re(`${B}aio_[A-Za-z0-9]{28}${E}`) },
  { id: 'mapbox-secret-token', message: 'Mapbox secret token', pattern: re(`${B}sk\\.eyJ1Ijoi[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{20,}`) },
  { id: 'dropbox-token', message: 'Dropbox access token', pattern: re(`${B}sl\\.[A-Za-z0-9_.-]{130,}`) },
  { id: 'facebook-access-token', message: 'Facebook access token', pattern: re(`${B}EAA(?!A)[A-Za-z0-9]{90,}${E}`) },
  { id: 'twitter-bearer-token', message: 'Twitter/X bearer token', pattern: re(`${B}AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{60,}`), prefix: /^A+/ },
  // Credentials by context rather than by format.
  {
    id: 'url-credentials',
    message: 'Password in a URL',
    pattern: re(`\\b[a-z][a-z0-9+.-]{1,20}://[^\\s:@/"'<>{}]+:(?<s>[^\\s@/"'<>]{3,})@[A-Za-z0-9.[\\]-]+`),
    check: (s) => !/^(?:pass|password|passwd|secret|pwd|\*+|x+)$/i.test(s),
  },
  {
    id: 'basic-auth-header',
    message: 'Basic authentication credentials',
    pattern: re(`[Aa]uthorization["']?\\s*[:=,]\\s*["']?Basic\\s+(?<s>[A-Za-z0-9+/]{8,}={0,2})`),
    check: (s) => {
      const decoded = Buffer.from(s, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 1 || !/^[\x20-\x7e]+$/.test(decoded)) return false;
      const password = decoded.slice(colon + 1);
      return password.length >= 4 && !isPlaceholder(password) && !/^(?:pass|password|secret)$/i.test(password);
    },
  },
  {
    id: 'bearer-token',
    message: 'Bearer token in an Authorization header',
    generic: true,
    pattern: re(`[Aa]uthorization["']?\\s*[:=,]\\s*["']?(?:Bearer|Token|token|bearer)\\s+(?<s>[A-Za-z0-9._~+/-]{16,}=*)`),
    check: (s) => randomEnough(s, 3),
  },
  {
    id: 'generic-secret',
    message: 'Credential assigned to a secret-named key',
    generic: true,
    pattern: re(
      `(?<k>${SECRET_KEY_WORDS}[A-Za-z0-9_.-]{0,40})(?:\\\\*["'\`])?[ \\t]*(?:[:=]|=>|,)[ \\t]*(?:\\\\*["'\`])?(?<s>[^\\s"'\`,;{}()<>\\[\\]\\\\]{8,200})`,
      'i',
    ),
    // The pattern starts at the keyword (a leading [\w.-]* would backtrack badly on long base64); the
    // rest of the key name is read backwards here.
    // A value right before `(` is a function being called: `password: createHasher(...)`.
    check: (s, m, text) => text[m.index + m[0].length] !== '(' && genericValueLooksSecret(keyBefore(text, m.index) + (m.groups?.k ?? ''), s),
  },
];
