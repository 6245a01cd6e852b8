/** Static vocabulary the generator draws from: vendors, product lines, names and places. */

/** A vendor with its product lines (name, unit, base monthly price, usage-billed, needs a commitment). */
export interface CatalogVendor {
  /** Vendor name. */
  name: string;
  /** Product lines. */
  lines: readonly (readonly [name: string, unit: string, monthlyPrice: number, usage: boolean, commitment: boolean])[];
}

/** The vendors the simulated catalogue sells. */
export const VENDORS: readonly CatalogVendor[] = [
  {
    name: 'Microsoft',
    lines: [
      ['Microsoft 365 Business Basic', 'User', 6, false, true],
      ['Microsoft 365 Business Standard', 'User', 12.5, false, true],
      ['Microsoft 365 Business Premium', 'User', 22, false, true],
      ['Microsoft 365 E3', 'User', 36, false, true],
      ['Microsoft 365 E5', 'User', 57, false, true],
      ['Exchange Online (Plan 1)', 'User', 4, false, true],
      ['Microsoft Teams Essentials', 'User', 4, false, false],
      ['Azure Plan', 'Each', 0, true, false],
      ['Microsoft Defender for Endpoint P1', 'User', 3, false, true],
      ['Visio Plan 2', 'User', 15, false, true],
    ],
  },
  {
    name: 'Google',
    lines: [
      ['Google Workspace Business Starter', 'User', 7.2, false, false],
      ['Google Workspace Business Standard', 'User', 14.4, false, false],
      ['Google Workspace Enterprise Plus', 'User', 30, false, true],
    ],
  },
  {
    name: 'Acronis',
    lines: [
      ['Acronis Cyber Protect Cloud - Workstation', 'Device', 4.5, true, false],
      ['Acronis Cyber Protect Cloud - Server', 'Device', 28, true, false],
    ],
  },
  {
    name: 'Proofpoint',
    lines: [
      ['Proofpoint Essentials - Business', 'User', 2.75, false, false],
      ['Proofpoint Essentials - Professional', 'User', 3.5, false, false],
    ],
  },
  { name: 'Adobe', lines: [['Adobe Creative Cloud All Apps', 'License', 84.99, false, true], ['Adobe Acrobat Pro', 'License', 19.99, false, true]] },
  { name: 'Datto', lines: [['Datto SaaS Protection', 'Seat', 3.1, false, true]] },
  { name: 'Dropbox', lines: [['Dropbox Business Advanced', 'User', 24, false, false]] },
  { name: 'Keeper Security', lines: [['Keeper Business', 'User', 3.75, false, false]] },
  { name: 'SentinelOne', lines: [['SentinelOne Control', 'Endpoint', 6, false, false], ['SentinelOne Complete', 'Endpoint', 8.5, false, true]] },
  { name: 'Cisco', lines: [['Cisco Umbrella DNS Essentials', 'User', 2.25, false, true], ['Cisco Duo MFA', 'User', 3, false, false]] },
  { name: 'Intermedia', lines: [['Intermedia Unite Pro', 'Line', 26.99, false, false]] },
  { name: 'Sophos', lines: [['Sophos Intercept X Advanced', 'Endpoint', 2.8, false, false]] },
];

/** Editions appended once every vendor line is used, so any catalogue size stays distinct. */
export const EDITIONS = ['', ' (NCE)', ' - Nonprofit', ' - Education', ' - Government', ' (Trial)', ' Add-on'] as const;

/** Words company names are built from. */
export const COMPANY_WORDS = [
  'Acme', 'Summit', 'Blue Ridge', 'Northwind', 'Contoso', 'Fabrikam', 'Peak View', 'Cedar', 'Ironwood', 'Granite',
  'Redwood', 'Harbor', 'Pinnacle', 'Lakeside', 'Silver Creek', 'Frontier', 'Evergreen', 'Beacon', 'Maple', 'Falcon',
  'Keystone', 'Riverbend', 'Sterling', 'Trailhead', 'Canyon', 'Brick and Mortar', 'Vista', 'Meridian', 'Aspen', 'Juniper',
] as const;

/** Trades of company names. */
export const COMPANY_TRADES = [
  'Dental', 'Legal', 'Accounting', 'Construction', 'Logistics', 'Realty', 'Medical Group', 'Engineering', 'Insurance',
  'Consulting', 'Manufacturing', 'Veterinary', 'Architects', 'Credit Union', 'Automotive', 'Tech', 'Cloud Communications',
] as const;

/** Legal suffixes, with the spelling variants real company lists contain. */
export const COMPANY_SUFFIXES = ['', ', Inc.', ' Inc', ' LLC', ', LLC', ' Ltd', ' Co.', ' Corp', ' Group', ' & Associates', ' PLLC'] as const;

/** Places by country: [country, city, state or province, postal code prefix, currency]. */
export const PLACES = [
  ['US', 'Denver', 'Colorado', '802', 'USD'],
  ['US', 'Greenwood Village', 'Colorado', '801', 'USD'],
  ['US', 'Salt Lake City', 'Utah', '841', 'USD'],
  ['US', 'Dallas', 'Texas', '752', 'USD'],
  ['US', 'Tacoma', 'Washington', '984', 'USD'],
  ['US', 'Columbus', 'Ohio', '432', 'USD'],
  ['US', 'Raleigh', 'North Carolina', '276', 'USD'],
  ['US', 'Phoenix', 'Arizona', '850', 'USD'],
  ['CA', 'Toronto', 'Ontario', 'M5V', 'CAD'],
  ['CA', 'Calgary', 'Alberta', 'T2P', 'CAD'],
  ['GB', 'Manchester', 'Greater Manchester', 'M1', 'GBP'],
  ['AU', 'Brisbane', 'Queensland', '400', 'AUD'],
] as const;

/** Street names. */
export const STREETS = ['Liberty Lane', 'Quebec St', 'Commerce Ave', 'Pipeline St', 'Main St', 'Oak Blvd', 'Market St', 'Park Ave'] as const;

/** First names of contacts. */
export const FIRST_NAMES = ['John', 'Maria', 'Wei', 'Aisha', 'Carlos', 'Emma', 'Liam', 'Priya', 'Noah', 'Sofia', 'Olivia', 'Jamal'] as const;

/** Last names of contacts. */
export const LAST_NAMES = ['Doe', 'Garcia', 'Chen', 'Khan', 'Smith', 'Nguyen', 'Johnson', 'Patel', 'Brown', 'Rossi', 'Müller', "O'Brien"] as const;

/** Webhook topics Pax8 offers, with a human name. */
export const WEBHOOK_TOPICS = [
  ['SUBSCRIPTION', 'Subscription', 'Subscription created, updated, cancelled or changed status'],
  ['COMPANY', 'Company', 'Company created or updated'],
  ['ORDER', 'Order', 'Order created or processed'],
  ['INVOICE', 'Invoice', 'Invoice generated'],
  ['PROVISIONING', 'Provisioning', 'Provisioning task completed or failed'],
] as const;
