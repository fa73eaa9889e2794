// Original file: proto/user.proto


export interface UpdateUserRequest {
  'user_id'?: (string);
  'username'?: (string);
  'weight_kg'?: (number | string);
  'height_cm'?: (number | string);
  '_username'?: "username";
  '_weight_kg'?: "weight_kg";
  '_height_cm'?: "height_cm";
}

export interface UpdateUserRequest__Output {
  'user_id': (string);
  'username'?: (string);
  'weight_kg'?: (number);
  'height_cm'?: (number);
  '_username'?: "username";
  '_weight_kg'?: "weight_kg";
  '_height_cm'?: "height_cm";
}
