import { Drawer } from 'antd';
import { Antd } from './antd';
import type { Role } from './nav';
import { NavMenu } from './NavMenu';

/** The menu in a drawer, on a phone or tablet (its own chunk: a desktop never loads Drawer). */
export default function NavDrawer({ role, open, onClose }: { role: Role; open: boolean; onClose: () => void }) {
  return (
    <Antd>
      <Drawer open={open} onClose={onClose} placement="left" size={240} styles={{ body: { padding: 0, background: '#001529' } }} title="导航">
        <nav>
          <NavMenu role={role} onClick={onClose} />
        </nav>
      </Drawer>
    </Antd>
  );
}
