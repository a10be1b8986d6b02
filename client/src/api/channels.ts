/**
 * Typed calls of the public channels' keys (`/api/channels`, admins only): list, issue (the key
 * comes back this once) and revoke. Types from server/src/contract/open311.ts.
 */
import type { Channel, ChannelSource } from '../../../server/src/contract/open311.ts';
import { request } from './http';

export type { Channel, ChannelSource };
export { CHANNEL_SOURCES } from '../../../server/src/contract/open311.ts';

export function listChannels(signal?: AbortSignal): Promise<Channel[]> {
  return request<Channel[]>('/api/channels', { signal });
}

export function issueChannel(name: string, source: ChannelSource): Promise<{ channel: Channel; key: string }> {
  return request<{ channel: Channel; key: string }>('/api/channels', { method: 'POST', body: { name, source } });
}

export function revokeChannel(id: number): Promise<Channel> {
  return request<Channel>(`/api/channels/${id}`, { method: 'DELETE' });
}
