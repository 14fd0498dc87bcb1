import { z } from '@hono/zod-openapi';
import { TEAM_ROLES } from '../../policies/teams.ts';
import type { TeamWithRole } from './service.ts';
import type { InvitationPreviewRecord, InvitationRecord, MemberRecord } from './store.ts';

export const TeamSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    role: z.enum(TEAM_ROLES).openapi({ description: 'Your role in the team.' }),
    abilities: z.object({
      canUpdate: z.boolean(),
      canManageMembers: z.boolean(),
      canInvite: z.boolean(),
      canDelete: z.boolean(),
      canTransfer: z.boolean(),
    }),
  })
  .openapi('Team');

export const TeamDetailSchema = TeamSchema.extend({ memberCount: z.number().int() }).openapi('TeamDetail');

export function toTeamView({ team, role, abilities }: TeamWithRole): z.infer<typeof TeamSchema> {
  return { slug: team.slug, name: team.name, createdAt: team.createdAt.toISOString(), role, abilities };
}

/** A member as other members see them: public profile and role; their email only for owners and admins, masked (P12). */
export const MemberSchema = z
  .object({
    username: z.string(),
    displayName: z.string().nullable(),
    role: z.enum(TEAM_ROLES),
    joinedAt: z.string().openapi({ format: 'date-time' }),
    suspended: z.boolean().optional().openapi({ description: 'Only for the team’s owner and admins: whether the member is suspended.' }),
    managed: z
      .boolean()
      .optional()
      .openapi({ description: 'Only for the team’s owner and admins (P11): whether the team manages the account through a verified domain.' }),
    email: z
      .string()
      .optional()
      .openapi({ description: 'Only for the team’s owner and admins (P12): in full within the team’s verified domains, else masked (a•••@example.com).' }),
  })
  .openapi('TeamMember');

/** `withSuspension` only for the team's owner and admins: other members are not told who is suspended. */
export function toMemberView(member: MemberRecord, withSuspension = false): z.infer<typeof MemberSchema> {
  return {
    username: member.username,
    displayName: member.displayName,
    role: member.role,
    joinedAt: member.joinedAt.toISOString(),
    ...(withSuspension && { suspended: member.suspendedAt !== null }),
  };
}

export const InvitationSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string().openapi({ description: 'Kept only while the invitation is pending.' }),
    role: z.enum(['admin', 'member']),
    invitedBy: z.string().nullable().openapi({ description: "The inviter's username." }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    expiresAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('TeamInvitation');

export function toInvitationView(invitation: InvitationRecord): z.infer<typeof InvitationSchema> {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    invitedBy: invitation.inviterUsername,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

/** What the holder of an invitation link sees: not the invited address. */
export const InvitationPreviewSchema = z
  .object({
    team: z.object({ slug: z.string(), name: z.string() }),
    invitedBy: z.string().nullable(),
    role: z.enum(['admin', 'member']),
    expiresAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('TeamInvitationPreview');

export function toInvitationPreview(invitation: InvitationPreviewRecord): z.infer<typeof InvitationPreviewSchema> {
  return { team: invitation.team, invitedBy: invitation.inviterUsername, role: invitation.role, expiresAt: invitation.expiresAt.toISOString() };
}
