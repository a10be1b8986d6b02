/** The Data page's registers tab: one tab per register (users for admins only), each a table to search and edit. */
import { useState } from 'react';
import type { RegisterName } from '../../../api/registers';
import { REGISTER_DEFS } from './registerDefs';
import { RegisterTable } from './RegisterTable';
import './registers.css';

export function RegistersView({ role }: { role: string | null }) {
  const defs = REGISTER_DEFS.filter((d) => !d.adminOnly || role === 'admin');
  const [active, setActive] = useState<RegisterName>('workers');
  const def = defs.find((d) => d.name === active) ?? defs[0];
  const canWrite = role === 'planner' || role === 'admin';
  return (
    <div className="data-registers" data-testid="data-registers">
      <nav className="data-tabs data-subtabs" role="tablist" aria-label="Registers 登记册">
        {defs.map((d) => (
          <button
            key={d.name}
            type="button"
            role="tab"
            aria-selected={d.name === def.name}
            className={d.name === def.name ? 'active' : undefined}
            data-testid={`reg-tab-${d.name}`}
            onClick={() => setActive(d.name)}
          >
            {d.label}
          </button>
        ))}
      </nav>
      <RegisterTable key={def.name} def={def} canWrite={canWrite} />
    </div>
  );
}
