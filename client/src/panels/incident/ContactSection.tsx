/**
 * For an incident a public channel filed (Open311): the channel, the resident's contact, the
 * address as they gave it and their media link. The server sends this to operators and admins
 * only; for anyone else, or an incident from elsewhere, the section is not drawn.
 */
import type { IncidentCard } from '../../api/incidents';
import { name } from '../../app/labels';
import type { IncidentContact } from '../../../../server/src/contract/open311.ts';
import { SOURCE_NAMES } from '../../../../server/src/contract/vocabulary.ts';

export function ContactSection({ card }: { card: IncidentCard | undefined }) {
  const contact = (card as (IncidentCard & { contact?: IncidentContact | null }) | undefined)?.contact;
  if (!contact) return null;
  const source = name(SOURCE_NAMES, contact.source);
  const person = [contact.first_name, contact.last_name].filter(Boolean).join(' ');
  const ids = [
    contact.account_id && `account ${contact.account_id}`,
    contact.device_id && `device ${contact.device_id}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="cc-section" data-testid="incident-contact">
      <h3 className="cc-section-title">
        Contact <span className="zh">联系人</span>
      </h3>
      <dl className="cc-facts">
        <dt>Channel 渠道</dt>
        <dd>
          {contact.channel}
          <span className="cc-sub">
            {source.en} {source.zh}
          </span>
        </dd>
        {(person || contact.phone || contact.email) && (
          <>
            <dt>Resident 市民</dt>
            <dd>
              {person || '—'}
              {contact.phone && (
                <span className="cc-sub">
                  <a href={`tel:${contact.phone}`}>{contact.phone}</a>
                </span>
              )}
              {contact.email && (
                <span className="cc-sub">
                  <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </span>
              )}
              {ids && <span className="cc-sub muted">{ids}</span>}
            </dd>
          </>
        )}
        {contact.address_string && (
          <>
            <dt>Address 地址</dt>
            <dd>{contact.address_string}</dd>
          </>
        )}
        {contact.media_url && /^https?:\/\//i.test(contact.media_url) && (
          <>
            <dt>Media 附件</dt>
            <dd>
              {/* The resident's own link, opened only when the operator clicks it. */}
              <a href={contact.media_url} target="_blank" rel="noopener noreferrer" data-testid="incident-media-url">
                {contact.media_url}
              </a>
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
