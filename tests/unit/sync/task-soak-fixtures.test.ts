import assert from 'node:assert/strict';
import {
  bulkTasks,
  comparableFromCrmTask,
  comparableFromTodo,
  compareTasks,
  crmTaskFieldsOf,
  todoTaskOf,
} from '../../support/task-fixtures.js';

/** A CRM row as the database holds the generated fields (the columns the comparison reads). */
const rowOf = (fields: Record<string, unknown>) =>
  fields as unknown as Parameters<typeof comparableFromCrmTask>[0];

describe('Task fixtures for the soak and the benchmark', () => {
  const batch = bulkTasks(42, 'crm', 200);

  it('are deterministic, with unique titles, recurring, reminded and undated tasks', () => {
    assert.deepEqual(bulkTasks(42, 'crm', 200), batch);
    assert.equal(new Set(batch.map((t) => t.title)).size, 200);
    assert.equal(batch.filter((t) => t.recurrence).length, 20);
    assert.ok(batch.some((t) => t.reminder) && batch.some((t) => !t.due));
    assert.ok(batch.filter((t) => t.recurrence).every((t) => t.status === 'notStarted' && t.due));
  });

  it('the same task as a CRM record and as a To Do task compares equal, field by field', () => {
    const crm = batch.map((t) => comparableFromCrmTask(rowOf(crmTaskFieldsOf(t))));
    const todo = batch.map((t) => comparableFromTodo(todoTaskOf(t)));
    const diff = compareTasks(crm, todo);
    assert.deepEqual(diff, { duplicates: [], onlyLeft: [], onlyRight: [], fields: [] });
  });

  it('a changed field, a missing task and a duplicate are each reported', () => {
    const todo = batch.map((t) => comparableFromTodo(todoTaskOf(t)));
    const changed = todo.map((t, i) => (i === 0 ? { ...t, importance: 'other' } : t));
    const diff = compareTasks(todo, [...changed.slice(0, -1), changed[1]!]);
    assert.deepEqual(
      diff.fields.map((f) => f.field),
      ['importance'],
    );
    assert.deepEqual(diff.onlyLeft, [todo[todo.length - 1]!.title]);
    assert.deepEqual(diff.duplicates, [{ side: 'right', key: todo[1]!.title, count: 2 }]);
  });
});
