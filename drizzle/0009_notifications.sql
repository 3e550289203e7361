CREATE TABLE "notification_settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"email_mode" text DEFAULT 'off' NOT NULL,
	"feed_token" text,
	"last_emailed_at" timestamp with time zone,
	"claimed_until" timestamp with time zone,
	"sending_up_to" bigint,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	CONSTRAINT "notification_settings_feed_token_unique" UNIQUE("feed_token"),
	CONSTRAINT "notification_settings_email_mode_check" CHECK ("notification_settings"."email_mode" in ('off', 'immediate', 'daily')),
	CONSTRAINT "notification_settings_attempts_check" CHECK ("notification_settings"."attempts" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"recipient_id" text NOT NULL,
	"comment_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"email_state" text,
	CONSTRAINT "notifications_recipient_comment_unique" UNIQUE("recipient_id","comment_id"),
	CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('reply', 'thread-reply', 'reports')),
	CONSTRAINT "notifications_email_state_check" CHECK ("notifications"."email_state" in ('pending', 'sent', 'skipped', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient_id","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("recipient_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_email_pending_idx" ON "notifications" USING btree ("recipient_id","id") WHERE "notifications"."email_state" = 'pending';--> statement-breakpoint
CREATE INDEX "notifications_comment_idx" ON "notifications" USING btree ("comment_id");--> statement-breakpoint
CREATE INDEX "comments_section_visible_idx" ON "comments" USING btree ("section_id","id") WHERE "comments"."deleted_at" is null and "comments"."hidden_at" is null;