import type { SyncModule } from '../../sync/module-settings.table.js';
import type { CommandName } from './command.js';

/**
 * Words that name a module, in English, French, Spanish and German (accents removed, lower case).
 * "to do" and "to-do" are folded into "todo" before matching.
 */
export const MODULE_WORDS: Record<SyncModule, string[]> = {
  meetings: [
    'meeting',
    'meetings',
    'calendar',
    'calendars',
    'event',
    'events',
    'appointments',
    'reunion',
    'reunions',
    'calendrier',
    'evenement',
    'evenements',
    'rendez-vous',
    'reuniones',
    'calendario',
    'evento',
    'eventos',
    'citas',
    'besprechung',
    'besprechungen',
    'kalender',
    'termin',
    'termine',
  ],
  contacts: ['contact', 'contacts', 'people', 'contacto', 'contactos', 'kontakt', 'kontakte'],
  tasks: ['task', 'tasks', 'todo', 'todos', 'tache', 'taches', 'tarea', 'tareas', 'aufgabe', 'aufgaben'],
};

/**
 * Phrases that name a command, checked in this order (the first command with a match wins, so
 * "turn off" is read before "turn on", and "enable sync" is an enable, not a sync).
 */
export const COMMAND_PHRASES: [CommandName, string[]][] = [
  [
    'disable',
    [
      'disable',
      'turn off',
      'switch off',
      'stop',
      'deactivate',
      'off',
      'pause',
      'desactiver',
      'desactive',
      'arreter',
      'couper',
      'desactivar',
      'deshabilitar',
      'apagar',
      'detener',
      'deaktivieren',
      'ausschalten',
      'abschalten',
      'stoppen',
    ],
  ],
  [
    'enable',
    [
      'enable',
      'turn on',
      'switch on',
      'start',
      'activate',
      'on',
      'resume',
      'activer',
      'active',
      'allumer',
      'demarrer',
      'activar',
      'habilitar',
      'encender',
      'aktivieren',
      'einschalten',
      'anschalten',
    ],
  ],
  ['errors', ['errors', 'error', 'problems', 'issues', 'erreurs', 'erreur', 'errores', 'fehler']],
  [
    'sync',
    [
      'sync now',
      'sync',
      'synchronize',
      'synchroniser',
      'synchro',
      'sincronizar',
      'synchronisieren',
      'sync jetzt',
    ],
  ],
  [
    'status',
    [
      'status',
      'state',
      'modules',
      'list',
      'settings',
      'statut',
      'etat',
      'estado',
      'zustand',
      'einstellungen',
    ],
  ],
  ['help', ['help', 'aide', 'ayuda', 'hilfe', 'commands', 'hi', 'hello', 'bonjour', 'hola', 'hallo']],
];
