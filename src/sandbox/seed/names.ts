/** Name, company and job-title lists for the sandbox seed. All domains end in `.example`. */

export type SeedLanguage = 'en' | 'fr' | 'es' | 'de';
export type Country = 'US' | 'GB' | 'FR' | 'ES' | 'DE';

// prettier-ignore
export const GIVEN_NAMES: Record<SeedLanguage, readonly string[]> = {
  en: [
    'James', 'Emma', 'Michael', 'Sophia', 'Ethan', 'Ava', 'Liam', 'Isabella', 'Noah', 'Mia', 'Mason',
    'Harper', 'Henry', 'Amelia', 'Jack', 'Evelyn', 'Owen', 'Abigail', 'Ryan', 'Grace', 'Nathan', 'Chloe',
    'Caleb', 'Zoe',
  ],
  fr: [
    'Amélie', 'François', 'Hélène', 'Jérôme', 'Chloé', 'Léa', 'Théo', 'Noémie', 'Gaëlle', 'Mathéo', 'Camille',
    'Sébastien', 'Océane', 'Loïc', 'Inès', 'Raphaël', 'Zoé', 'Céline', 'Stéphane', 'Anaïs', 'Aurélien',
    'Maëlle', 'Frédéric', 'Bérénice',
  ],
  es: [
    'María', 'Javier', 'Álvaro', 'Sofía', 'Íñigo', 'Nuria', 'Andrés', 'Begoña', 'Martín', 'Inés', 'Raúl',
    'Ramón', 'Ángela', 'Adrián', 'Paula', 'Óscar', 'Mónica', 'Jesús', 'Elena', 'Rubén', 'Marta', 'Sergio',
    'Ainhoa', 'Joaquín',
  ],
  de: [
    'Günter', 'Jörg', 'Björn', 'Käthe', 'Sören', 'Mareike', 'Felix', 'Katrin', 'Tobias', 'Uwe', 'Jan', 'Lena',
    'Jonas', 'Hannah', 'Matthias', 'Sabine', 'Maximilian', 'Özlem', 'Ulrike', 'Dörte', 'Frank', 'Jürgen',
    'Bärbel', 'Henrik',
  ],
};

// prettier-ignore
export const SURNAMES: Record<SeedLanguage, readonly string[]> = {
  en: [
    'Smith', 'Johnson', "O'Brien", 'Williams', 'Brown', 'Taylor', 'Anderson', 'Thomas', 'Walker', 'Harris',
    'Clark', 'Lewis', 'Young', 'King', 'Wright', 'Hill', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson',
    'Carter', 'Mitchell', 'Roberts',
  ],
  fr: [
    'Dubois', 'Moreau', 'Girard', 'Bérard', 'Rousseau', 'Lemaître', 'Chevalier', 'Faure', 'Gauthier',
    'Mercier', 'Bonnet', 'Lambert', 'Fontaine', 'Rivière', 'Périer', 'Léger', 'Delacroix', 'Marchand',
    'Hébert', 'Carré', 'Noël', 'Lefèvre', 'Dupré', 'Bénard',
  ],
  es: [
    'García', 'Martínez', 'Ibáñez', 'Pérez', 'Gómez', 'Fernández', 'Muñoz', 'López', 'Sánchez', 'Díaz',
    'Jiménez', 'Ruiz', 'Álvarez', 'Romero', 'Navarro', 'Castaño', 'Peña', 'Ortiz', 'Serrano', 'Cañizares',
    'Domínguez', 'Vázquez', 'Márquez', 'Núñez',
  ],
  de: [
    'Müller', 'Schröder', 'Weiß', 'Köhler', 'Becker', 'Schäfer', 'Hoffmann', 'Krüger', 'Schulz', 'Wagner',
    'Fuß', 'Böhm', 'Jäger', 'Zimmermann', 'Koch', 'Vogel', 'Braun', 'Weber', 'Hartmann', 'Lange', 'Schmitt',
    'Meißner', 'Groß', 'Kühn',
  ],
};

// prettier-ignore
export const JOB_TITLES: Record<SeedLanguage, readonly string[]> = {
  en: [
    'Chief Executive Officer', 'Chief Financial Officer', 'Head of Procurement', 'Purchasing Manager',
    'IT Director', 'Marketing Manager', 'Operations Manager', 'Sales Manager', 'Office Manager',
    'Project Manager',
  ],
  fr: [
    'Directeur général', 'Directrice financière', 'Responsable des achats', 'Acheteuse', 'DSI',
    'Responsable marketing', 'Directeur des opérations', 'Chef de projet', 'Assistante de direction',
  ],
  es: [
    'Director general', 'Directora financiera', 'Jefe de compras', 'Director de TI',
    'Responsable de marketing', 'Jefa de proyecto', 'Director de operaciones', 'Técnico de compras',
  ],
  de: [
    'Geschäftsführer', 'Finanzvorständin', 'Leiterin Einkauf', 'IT-Leiter', 'Marketingleiter',
    'Projektleiterin', 'Leiter Betrieb', 'Sachbearbeiterin Einkauf',
  ],
};

export interface SeedCompany {
  name: string;
  domain: string;
  language: SeedLanguage;
  country: Country;
  street: string;
  city: string;
  state: string;
  postalCode: string;
  /** The zone the company's people send invitations in (IANA or Windows name). */
  timeZone: string;
}

// prettier-ignore
export const COMPANIES: readonly SeedCompany[] = [
  company('Northwind Traders', 'northwind.example', 'en', 'US', '1200 Harbor Ave SW', 'Seattle', 'WA', '98126', 'Pacific Standard Time'),
  company('Adventure Works Cycles', 'adventure-works.example', 'en', 'US', '19 Bothell Way NE', 'Bothell', 'WA', '98011', 'America/Los_Angeles'),
  company('Litware, Inc.', 'litware.example', 'en', 'US', '400 Atlantic Ave', 'Boston', 'MA', '02110', 'Eastern Standard Time'),
  company('Wide World Importers', 'wideworldimporters.example', 'en', 'GB', '27 Old Gloucester St', 'London', '', 'WC1N 3AX', 'GMT Standard Time'),
  company('Fourth Coffee', 'fourthcoffee.example', 'en', 'GB', '8 Deansgate', 'Manchester', '', 'M3 1AZ', 'Europe/London'),
  company('Atelier Lumière', 'atelier-lumiere.example', 'fr', 'FR', '14 rue de la République', 'Lyon', '', '69002', 'Europe/Paris'),
  company('Bérard & Fils', 'berard-fils.example', 'fr', 'FR', '3 cours de l’Intendance', 'Bordeaux', '', '33000', 'Romance Standard Time'),
  company('Viñedos del Sur', 'vinedos-del-sur.example', 'es', 'ES', 'Calle Sierpes 48', 'Sevilla', 'Sevilla', '41004', 'Europe/Madrid'),
  company('Construcciones Ibáñez', 'construcciones-ibanez.example', 'es', 'ES', 'Avenida del Puerto 112', 'Valencia', 'Valencia', '46023', 'Romance Standard Time'),
  company('Müller & Söhne Maschinenbau', 'mueller-soehne.example', 'de', 'DE', 'Königstraße 21', 'Stuttgart', 'Baden-Württemberg', '70173', 'W. Europe Standard Time'),
  company('Alpine Ski House', 'alpineskihouse.example', 'de', 'DE', 'Maximilianstraße 9', 'München', 'Bayern', '80539', 'Europe/Berlin'),
  company('Tailspin Toys', 'tailspintoys.example', 'en', 'US', '2100 NW Flanders St', 'Portland', 'OR', '97209', 'Pacific Standard Time'),
];

/** The gmail-like provider for people's personal addresses. */
export const PERSONAL_MAIL_DOMAIN = 'mail.example';

const COUNTRY_NAMES: Record<Country, string> = {
  US: 'United States',
  GB: 'United Kingdom',
  FR: 'France',
  ES: 'España',
  DE: 'Deutschland',
};

/** Phone patterns (`#` = a digit), in ranges reserved for fiction where the country has one. */
export const PHONE_PATTERNS: Record<Country, { business: string; mobile: string }> = {
  US: { business: '+1 425 555 01##', mobile: '+1 206 555 01##' },
  GB: { business: '+44 20 7946 0###', mobile: '+44 7700 900###' },
  FR: { business: '+33 1 99 00 ## ##', mobile: '+33 6 39 98 ## ##' },
  ES: { business: '+34 910 00# ###', mobile: '+34 600 00# ###' },
  DE: { business: '+49 30 23125 ###', mobile: '+49 171 39200##' },
};

export function countryName(country: Country): string {
  return COUNTRY_NAMES[country];
}

function company(
  name: string,
  domain: string,
  language: SeedLanguage,
  country: Country,
  street: string,
  city: string,
  state: string,
  postalCode: string,
  timeZone: string,
): SeedCompany {
  return { name, domain, language, country, street, city, state, postalCode, timeZone };
}

const folded = new Map<string, string>();

/** The local part of an address for a person: accents folded, `ß` → `ss`, lower case. */
export function mailLocalPart(givenName: string, surname: string): string {
  return `${fold(givenName)}.${fold(surname)}`;
}

function fold(name: string): string {
  let out = folded.get(name);
  if (out === undefined) {
    out = name
      .replace(/ß/g, 'ss')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '');
    folded.set(name, out);
  }
  return out;
}
