import { NotFoundCard } from "@/components/ui/not-found-card";

export default function NotFound() {
  return <NotFoundCard />;
}
