CREATE TABLE "opinion_profile_counts" (
	"profile" text PRIMARY KEY NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "opinion_profile_counts_count_check" CHECK ("opinion_profile_counts"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "proposal_daily_deltas" (
	"proposal_id" text NOT NULL,
	"day" date NOT NULL,
	"stance" smallint NOT NULL,
	"delta" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "proposal_daily_deltas_proposal_id_day_stance_pk" PRIMARY KEY("proposal_id","day","stance"),
	CONSTRAINT "proposal_daily_deltas_stance_check" CHECK ("proposal_daily_deltas"."stance" between -2 and 2)
);
--> statement-breakpoint
CREATE TABLE "proposal_pair_counts" (
	"proposal_a" text NOT NULL,
	"proposal_b" text NOT NULL,
	"stance_a" smallint NOT NULL,
	"stance_b" smallint NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "proposal_pair_counts_proposal_a_proposal_b_stance_a_stance_b_pk" PRIMARY KEY("proposal_a","proposal_b","stance_a","stance_b"),
	CONSTRAINT "proposal_pair_counts_order_check" CHECK ("proposal_pair_counts"."proposal_a" < "proposal_pair_counts"."proposal_b"),
	CONSTRAINT "proposal_pair_counts_stances_check" CHECK ("proposal_pair_counts"."stance_a" between -2 and 2 and "proposal_pair_counts"."stance_b" between -2 and 2),
	CONSTRAINT "proposal_pair_counts_count_check" CHECK ("proposal_pair_counts"."count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "proposal_tallies" DROP CONSTRAINT "proposal_tallies_non_negative_check";--> statement-breakpoint
ALTER TABLE "proposal_tallies" ADD COLUMN "shifted_toward_support" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_tallies" ADD COLUMN "shifted_toward_oppose" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "first_stance" smallint NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_daily_deltas" ADD CONSTRAINT "proposal_daily_deltas_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_pair_counts" ADD CONSTRAINT "proposal_pair_counts_proposal_a_proposals_id_fk" FOREIGN KEY ("proposal_a") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_pair_counts" ADD CONSTRAINT "proposal_pair_counts_proposal_b_proposals_id_fk" FOREIGN KEY ("proposal_b") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_tallies" ADD CONSTRAINT "proposal_tallies_non_negative_check" CHECK (least("proposal_tallies"."strongly_oppose", "proposal_tallies"."oppose", "proposal_tallies"."unsure", "proposal_tallies"."support", "proposal_tallies"."strongly_support", "proposal_tallies"."shifted_toward_support", "proposal_tallies"."shifted_toward_oppose") >= 0);--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_first_stance_check" CHECK ("votes"."first_stance" between -2 and 2);