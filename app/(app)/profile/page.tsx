import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { ROLE_LABEL } from "@/lib/permissions";
import { requireUser } from "@/lib/session";
import { getProfile } from "@/lib/users/queries";
import { ContactForm } from "./contact-form";

export const metadata: Metadata = { title: "Your profile" };

export default async function ProfilePage() {
  const user = await requireUser();
  const profile = await getProfile(user.id);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your profile</h1>
        <p className="mt-1 text-sm text-slate-700">
          {user.name} · {user.email} <Badge>{ROLE_LABEL[user.role]}</Badge>
        </p>
      </div>
      <ContactForm initial={profile?.contact ?? ""} />
    </div>
  );
}
