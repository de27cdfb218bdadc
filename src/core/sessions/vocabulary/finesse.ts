import type { VocabularyEntry } from './entry';

/** Cisco Finesse Desktop-webservices lines (`%CCBU_<thread>-<severity>-<MNEMONIC>: %[key=value]: text`). */
export const FINESSE: readonly VocabularyEntry[] = [
  {
    source: 'finesse', side: 'finesse', note: 'presence-unavailable', keyword: 'PRESENCE_NOTIFICATION',
    pattern: /PRESENCE_NOTIFICATION: %\[presence=<presence[^>]*\bfrom=["'](?<jid>(?<agent>[^@"']+)@[^"']+)["'][^>]*\btype=["']unavailable["']/,
    origin: 'Finesse Desktop-webservices, Smack Listener Processor',
  },
  {
    source: 'finesse', side: 'finesse', note: 'presence-unavailable', keyword: 'AGENT_PRESENCE_UNAVAILABLE',
    pattern: /AGENT_PRESENCE_UNAVAILABLE: %\[agentId=(?<agent>[^\]]+)\]/,
    origin: 'Finesse Desktop-webservices',
  },
  {
    source: 'finesse', side: 'finesse', note: 'logout-timer', keyword: 'AGENT_PRESENCE_MONITOR',
    pattern: /AGENT_PRESENCE_MONITOR: %\[agentId=(?<agent>[^\]]+)\](?:\[timeout=(?<threshold>\d+)\])?/,
    origin: 'Finesse Desktop-webservices',
  },
  {
    source: 'finesse', side: 'finesse', note: 'forced-logout', keyword: 'PRESENCE_DRIVEN_LOGOUT',
    pattern: /PRESENCE_DRIVEN_LOGOUT: %\[agentId=(?<agent>[^\]]+)\]/,
    origin: 'Finesse Desktop-webservices, CoreImpl',
  },
  {
    source: 'finesse', side: 'finesse', note: 'agent-state', keyword: 'reason code:',
    pattern: /SetAgentStateReq\]?:?.*?agentstate : (?<state>\d+).*?reason code: (?<reason>-?\d+).*?agentid: (?<agent>\d+)/,
    origin: 'Finesse Desktop-webservices, MESSAGE_TO_CTI_SERVER',
  },
  {
    source: 'finesse', side: 'finesse', note: 'agent-state', keyword: 'eventReasonCode=',
    pattern: /agentState=(?<state>\d+ \((?:LOGOUT|LOGIN|NOT_READY|READY|TALKING|WORK_READY|WORK_NOT_READY|RESERVED|HOLD|UNKNOWN)\))?.*?eventReasonCode=(?<reason>-?\d+)/,
    origin: 'Finesse Desktop-webservices, DECODED_MESSAGE_FROM_CTI_SERVER (AgentStateEvent)',
  },
];
