import type { SeedLanguage } from './names.js';

/**
 * Localised texts for seeded meetings and tasks. Placeholders: `{company}`, `{name}`, `{city}`.
 */
export interface SeedPhrases {
  meetings: readonly string[];
  weeklySync: string;
  forecastSeries: string;
  oneOnOne: string;
  allDay: string;
  invitations: readonly string[];
  meetingBody: string;
  invitationBody: string;
  room: string;
  tasks: readonly string[];
  recurringTask: string;
  taskBody: string;
  supplierCategory: string;
}

export const PHRASES: Record<SeedLanguage, SeedPhrases> = {
  en: {
    meetings: [
      'Pipeline review with {company}',
      'Product demo – {company}',
      'Contract renewal call with {name}',
      'Quarterly business review – {company}',
      'Discovery call: {company}',
      'Pricing discussion with {name}',
      'Onboarding kickoff – {company}',
      'Lunch with {name}',
    ],
    weeklySync: 'Weekly sales sync',
    forecastSeries: 'Weekly forecast call',
    oneOnOne: '1:1 with my manager',
    allDay: 'Trade fair in {city}',
    invitations: ['Supplier review – {company}', 'Project status update', 'Introduction call with {company}'],
    meetingBody: 'Agenda: current needs of {company}, next steps, open questions from {name}.',
    invitationBody: 'Hello, I would like to go through the open points with you. Best regards, {name}',
    room: 'Contoso HQ – Rainier room',
    tasks: [
      'Send proposal to {company}',
      'Follow up with {name}',
      'Prepare quote for {company}',
      'Call {name} about the renewal',
      'Book travel to {city}',
      'Review contract draft from {company}',
      'Send meeting minutes to {name}',
    ],
    recurringTask: 'Update the weekly pipeline',
    taskBody: 'Contact: {name} ({company}).',
    supplierCategory: 'Supplier',
  },
  fr: {
    meetings: [
      'Revue du pipeline avec {company}',
      'Démonstration produit – {company}',
      'Renouvellement du contrat avec {name}',
      'Revue trimestrielle – {company}',
      'Premier échange : {company}',
      'Discussion tarifaire avec {name}',
      'Lancement du déploiement – {company}',
      'Déjeuner avec {name}',
    ],
    weeklySync: 'Point commercial hebdomadaire',
    forecastSeries: 'Prévisions de la semaine',
    oneOnOne: 'Entretien individuel avec ma responsable',
    allDay: 'Salon professionnel à {city}',
    invitations: [
      'Revue fournisseurs – {company}',
      'Point d’avancement du projet',
      'Présentation de {company}',
    ],
    meetingBody: 'Ordre du jour : besoins actuels de {company}, prochaines étapes, questions de {name}.',
    invitationBody: 'Bonjour, je vous propose de faire le point ensemble. Bien cordialement, {name}',
    room: 'Contoso Paris – Salle Lumière',
    tasks: [
      'Envoyer la proposition à {company}',
      'Relancer {name}',
      'Préparer le devis pour {company}',
      'Appeler {name} au sujet du renouvellement',
      'Réserver le déplacement à {city}',
      'Relire le projet de contrat de {company}',
      'Envoyer le compte rendu à {name}',
    ],
    recurringTask: 'Mettre à jour le pipeline de la semaine',
    taskBody: 'Contact : {name} ({company}).',
    supplierCategory: 'Fournisseur',
  },
  es: {
    meetings: [
      'Revisión del pipeline con {company}',
      'Demostración de producto – {company}',
      'Renovación del contrato con {name}',
      'Revisión trimestral – {company}',
      'Primera llamada: {company}',
      'Negociación de precios con {name}',
      'Arranque del proyecto – {company}',
      'Comida con {name}',
    ],
    weeklySync: 'Reunión semanal de ventas',
    forecastSeries: 'Previsión semanal',
    oneOnOne: 'Reunión individual con mi responsable',
    allDay: 'Feria comercial en {city}',
    invitations: ['Revisión de proveedores – {company}', 'Estado del proyecto', 'Presentación de {company}'],
    meetingBody: 'Orden del día: necesidades de {company}, próximos pasos, preguntas de {name}.',
    invitationBody: 'Hola, me gustaría repasar contigo los puntos pendientes. Un saludo, {name}',
    room: 'Contoso Madrid – Sala Goya',
    tasks: [
      'Enviar la propuesta a {company}',
      'Hacer seguimiento con {name}',
      'Preparar el presupuesto para {company}',
      'Llamar a {name} por la renovación',
      'Reservar el viaje a {city}',
      'Revisar el borrador de contrato de {company}',
      'Enviar el acta a {name}',
    ],
    recurringTask: 'Actualizar el pipeline semanal',
    taskBody: 'Contacto: {name} ({company}).',
    supplierCategory: 'Proveedor',
  },
  de: {
    meetings: [
      'Pipeline-Review mit {company}',
      'Produktdemo – {company}',
      'Vertragsverlängerung mit {name}',
      'Quartalsgespräch – {company}',
      'Erstgespräch: {company}',
      'Preisgespräch mit {name}',
      'Projektstart – {company}',
      'Mittagessen mit {name}',
    ],
    weeklySync: 'Wöchentliche Vertriebsrunde',
    forecastSeries: 'Wöchentlicher Forecast',
    oneOnOne: 'Jour fixe mit meiner Vorgesetzten',
    allDay: 'Messe in {city}',
    invitations: ['Lieferantengespräch – {company}', 'Projektstatus', 'Vorstellung von {company}'],
    meetingBody: 'Tagesordnung: aktueller Bedarf von {company}, nächste Schritte, Fragen von {name}.',
    invitationBody: 'Guten Tag, ich würde gern die offenen Punkte mit Ihnen besprechen. Viele Grüße, {name}',
    room: 'Contoso München – Raum Zugspitze',
    tasks: [
      'Angebot an {company} senden',
      'Bei {name} nachfassen',
      'Kostenvoranschlag für {company} vorbereiten',
      '{name} wegen der Verlängerung anrufen',
      'Reise nach {city} buchen',
      'Vertragsentwurf von {company} prüfen',
      'Protokoll an {name} schicken',
    ],
    recurringTask: 'Wöchentliche Pipeline aktualisieren',
    taskBody: 'Kontakt: {name} ({company}).',
    supplierCategory: 'Lieferant',
  },
};

export function fill(template: string, values: { company?: string; name?: string; city?: string }): string {
  return template
    .replace(/\{company\}/g, values.company ?? '')
    .replace(/\{name\}/g, values.name ?? '')
    .replace(/\{city\}/g, values.city ?? '');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
