-- Four roles: partner, executive_viewer, executive_manager and administrator. The role called
-- executive_admin until now could manage the dashboard, which is what executive_manager means, so
-- stored users keep what they could do; the code still accepts 'executive_admin' as an alias.

ALTER TABLE api_user DROP CONSTRAINT api_user_role_check;
UPDATE api_user SET role = 'executive_manager' WHERE role = 'executive_admin';
ALTER TABLE api_user ADD CONSTRAINT api_user_role_check
  CHECK (role IN ('partner', 'executive_viewer', 'executive_manager', 'administrator'));
