// End causes and durations in the words and icons the Sessions view uses.
import * as vscode from 'vscode';
import { endCauseWords, type EndCause, type Session } from '../../core/sessions/model';

/** The end causes in words, from the model every face shares. */
export const causeWords = endCauseWords;

export function causeIcon(cause: EndCause): vscode.ThemeIcon {
  switch (cause) {
    case 'client-logout':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'open':
      return new vscode.ThemeIcon('circle-outline');
    case 'unknown':
      return new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground'));
    case 'network':
      return new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.errorForeground'));
    case 'server-shutdown':
      return new vscode.ThemeIcon('debug-stop', new vscode.ThemeColor('list.errorForeground'));
    default:
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  }
}

export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${m % 60} min`;
}

export function lifetime(s: Session): string {
  return s.start?.time !== undefined && s.end?.time !== undefined ? duration(s.end.time - s.start.time) : '';
}
