import type { SuggestMappingsOptions } from '@pax8-sync/core';

/**
 * The PSA side of Quick Match: the customers as your PSA spells them. Real lists never match Pax8
 * letter for letter — "Corporation" for "Corp", "&" for "and", a missing comma, a typo — which is
 * what Quick Match is for. A few PSA customers buy nothing through Pax8, and a few Pax8 companies
 * are not (yet) in the PSA: both stay unmatched.
 */
export const samplePsaCompanies: SuggestMappingsOptions['psaCompanies'] = [
  { id: 'psa-1001', name: 'Acme Dental Corporation' },
  { id: 'psa-1002', name: 'Summit Dental Inc' },
  { id: 'psa-1003', name: 'Contoso Dental' },
  { id: 'psa-1004', name: 'Fabrikam Dental and Associates' },
  { id: 'psa-1005', name: 'Peakview Dental' },
  { id: 'psa-1006', name: 'Cedar Dental Corporation' },
  { id: 'psa-1007', name: 'Ironwood Dental Assoc.' },
  { id: 'psa-1008', name: 'Granite Dental Company' },
  { id: 'psa-1009', name: 'Redwood Dental Limited' },
  { id: 'psa-1010', name: 'Harbour Dental Group' },
  { id: 'psa-1011', name: 'Pinnacle Dental Grp' },
  { id: 'psa-1012', name: 'Lakeside Dental' },
  { id: 'psa-1013', name: 'Silver Creek Dental, Inc.' },
  { id: 'psa-1014', name: 'Frontier Dentl Inc' },
  { id: 'psa-1015', name: 'Evergreen Dental Inc' },
  { id: 'psa-1016', name: 'Beacon Dental' },
  { id: 'psa-1017', name: 'Maple Dental, L.L.C.' },
  { id: 'psa-1018', name: 'Falcon Dental Incorporated' },
  { id: 'psa-1019', name: 'Keystone Dental' },
  { id: 'psa-1020', name: 'River Bend Dental PLLC' },
  { id: 'psa-1021', name: 'Sterling Dental Limited' },
  { id: 'psa-1022', name: 'Trailhead Dental' },
  { id: 'psa-1023', name: 'Canyon Dental' },
  { id: 'psa-1024', name: 'Brick & Mortar Dental' },
  { id: 'psa-1025', name: 'Vista Dental' },
  { id: 'psa-1026', name: 'Meridian Dental LLC' },
  { id: 'psa-1027', name: 'Aspen Dental' },
  { id: 'psa-1028', name: 'ACME Legal, Inc.' },
  { id: 'psa-1029', name: 'Summit Legal Inc' },
  { id: 'psa-1030', name: 'Blue Ridge Legal' },
  { id: 'psa-1031', name: 'Northwind Legal Corporation' },
  { id: 'psa-1032', name: 'Contoso Legal Limited' },
  { id: 'psa-1033', name: 'Fabrikam Legal and Associates' },
  { id: 'psa-1034', name: 'Peak View Legal Grp' },
  { id: 'psa-1035', name: 'Cedar Legal, PLLC' },
  { id: 'psa-1036', name: 'Ironwood Legal' },
  { id: 'psa-1037', name: 'Tailspin Toys Ltd' },
  { id: 'psa-1038', name: 'Wingtip Accounting LLC' },
  { id: 'psa-1039', name: 'Alpine Ski House' },
];
