// What every page knows about who is signed in and how to show times; provided by app.tsx.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SignedInUser } from '../api/client';

export interface Session {
  user: SignedInUser;
  timeZone: string;
  publicUrl: string;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

// The roles of API.md, as api/openapi.json names them.
export type Role = SignedInUser['role'];

// Whether the signed-in role is one of `roles` (the roles column of API.md for a route).
export function may(session: Session, ...roles: Role[]): boolean {
  return (roles as string[]).includes(session.user.role);
}
