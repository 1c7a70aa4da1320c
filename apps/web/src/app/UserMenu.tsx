import { useNavigate } from 'react-router';
import { api } from '../api/api-client';
import { useCurrentUser, useResetSession } from '../api/current-user';

export function UserMenu() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const reset = useResetSession();

  async function logout() {
    await api.post('/api/logout/');
    reset();
    navigate('/login');
  }

  return (
    <div className="user-menu">
      <span className="muted" title={user.data?.email}>
        {user.data?.first_name || user.data?.email}
      </span>
      <button type="button" className="link-button" onClick={() => void logout()}>
        Log out
      </button>
    </div>
  );
}
